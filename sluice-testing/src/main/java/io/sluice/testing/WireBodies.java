package io.sluice.testing;

/**
 * Bodies as OpenRouter sent them, quoted from shared/OPENROUTER.md with its source tags. Where a
 * capture was abridged there, the elided parts are filled with plausible values and marked; where
 * only a message was quoted, it is wrapped in the documented error shape. {@code user_id} values
 * are anonymised. Shared by every module that reads or classifies the upstream's answers, so they
 * all test against the same bytes.
 */
public final class WireBodies {

  private WireBodies() {}

  // --- Free-model limits (429) ---------------------------------------------------------------

  /** §3.4: client tests and mocks that copy live responses (C-70438598957, C-71115510737). */
  public static final String FREE_PER_MINUTE = """
      {"error":{"code":429,"message":"Rate limit exceeded: free-models-per-min."},"user_id":"user_2yFreeMin"}""";

  /** §3.4: cline#5301 (2025-08), with metadata.headers; reset is 2025-08-13T00:00Z. */
  public static final String FREE_PER_DAY = """
      {"error":{"message":"Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day","code":429,"metadata":{"headers":{"X-RateLimit-Limit":"50","X-RateLimit-Remaining":"0","X-RateLimit-Reset":"1755043200000"}}},"user_id":"user_2yFreeDay"}""";

  /** §3.4: the 2026 fixture adds limit_source and remedy_hint (C-71361788250; remedy text filled in). */
  public static final String FREE_PER_DAY_2026 = """
      {"error":{"message":"Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day","code":429,"metadata":{"headers":{"X-RateLimit-Limit":"50","X-RateLimit-Remaining":"0","X-RateLimit-Reset":"1791676800000"},"limit_source":"openrouter_free_tier_daily","remedy_hint":"Add 10 credits, or wait for the reset at 00:00 UTC."}},"user_id":"user_2yFreeDay"}""";

  /** §3.4: at least $10 purchased (C-69110264826, C-71024567975). */
  public static final String FREE_PER_DAY_HIGH_BALANCE = """
      {"error":{"message":"Rate limit exceeded: free-models-per-day-high-balance.","code":429,"metadata":{"headers":{"X-RateLimit-Limit":"1000","X-RateLimit-Remaining":"0","X-RateLimit-Reset":"1791676800000"},"limit_source":"openrouter_free_tier_daily"}},"user_id":"user_2yHigh"}""";

  /** §3.4 and §2: the pre-April-2025 error object as aider#3550 printed it, without the wrapper. */
  public static final String FREE_PER_DAY_2025_BARE = """
      {"message":"Rate limit exceeded: free-models-per-day","code":429,"metadata":{"headers":{"X-RateLimit-Limit":"200","X-RateLimit-Remaining":"0","X-RateLimit-Reset":"1743292800000"},"provider_name":"Google AI Studio"}}""";

  /** §2: the same as a stream chunk with no choices (aider#3550, 2025-03). */
  public static final String CHUNK_NO_CHOICES_2025 = """
      {"error":{"message":"Rate limit exceeded: free-models-per-day","code":429,"metadata":{"headers":{"X-RateLimit-Limit":"200","X-RateLimit-Remaining":"0","X-RateLimit-Reset":"1743292800000"},"provider_name":"Google AI Studio"}},"user_id":"user_2yAider"}""";

  // --- Upstream provider limits (429) ----------------------------------------------------------

  /** §3.4: the raw form (Aculeasis/openrouter-proxy#1, 2025-07). */
  public static final String UPSTREAM_RAW = """
      {"error":{"message":"Provider returned error","code":429,"metadata":{"raw":"deepseek/deepseek-chat-v3-0324:free is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations","provider_name":"Chutes"}},"user_id":"user_2yProxy"}""";

  /** §3.4: 2026 additions (C-71518641859; open-webui/computer#293). */
  public static final String UPSTREAM_2026 = """
      {"error":{"message":"Provider returned error","code":429,"metadata":{"raw":"z-ai/glm-5.3-flash is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations","provider_name":"BaseTen","is_byok":false,"provider_error_code":"engine_overloaded","limit_source":"upstream_provider_shared_pool","remedy_hint":"Retry shortly, add your own provider key, or route to another provider"}},"user_id":"user_2yWebui"}""";

  /** §3.4: retry_after_seconds and a mirrored Retry-After (the disputatio capture). */
  public static final String UPSTREAM_RETRY_AFTER = """
      {"error":{"message":"Provider returned error","code":429,"metadata":{"raw":"qwen/qwen3-coder:free is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations","provider_name":"Venice","is_byok":false,"provider_error_code":"429","limit_source":"upstream_provider_shared_pool","retry_after_seconds":17,"retry_after_seconds_raw":16.007,"headers":{"Retry-After":"17"}}},"user_id":"user_2yBraun"}""";

  /** §3.4: the text in the message itself (C-60875589754, C-71115510737). */
  public static final String UPSTREAM_IN_MESSAGE = """
      {"error":{"code":429,"message":"openai/gpt-5.6-luna is temporarily rate-limited upstream.","metadata":{"error_type":"rate_limit_exceeded"}}}""";

  /** §3.4: a provider's own per-minute cap in raw (C-71450041862). */
  public static final String UPSTREAM_FREE_PER_MIN_RAW = """
      {"error":{"message":"Provider returned error","code":429,"metadata":{"raw":"free-models-per-min exceeded","provider_name":"Chutes"}},"user_id":"user_2yChutes"}""";

  /** §3.4 and D-err: the documented typed form. */
  public static final String DOCS_TYPED = """
      {"error":{"code":429,"message":"Rate limit exceeded","metadata":{"error_type":"rate_limit_exceeded","provider_code":"rate_limited"}}}""";

  /**
   * §3.1 and §3.4: a capacity error in the documented availability form, with {@code error_type}
   * and {@code http_status} in place of {@code code}. Built from the documented fields.
   */
  public static final String CAPACITY_EXHAUSTED = """
      {"error":{"error_type":"rate_limit_exceeded","http_status":429,"message":"All providers for meta-llama/llama-3.3-70b-instruct are at capacity. Retry after 40 seconds.","availability":{"code":"capacity_exhausted","retryable":true,"retry_after":40,"requested_models":["meta-llama/llama-3.3-70b-instruct"],"affected_providers":["Groq","Together"],"docs_url":"https://openrouter.ai/docs/api/reference/errors-and-debugging"}}}""";

  /** §3.1: the retryable 503 availability error (D-err); the message is not quoted there, so it is made up. */
  public static final String TEMPORARILY_UNAVAILABLE = """
      {"error":{"error_type":"provider_overloaded","http_status":503,"message":"meta-llama/llama-3.3-70b-instruct is temporarily unavailable.","availability":{"code":"temporarily_unavailable","retryable":true,"retry_after":30,"requested_models":["meta-llama/llama-3.3-70b-instruct"],"docs_url":"https://openrouter.ai/docs/api/reference/errors-and-debugging"}}}""";


  /** §3.1: an availability error that says not to retry, with the wire's code kept. */
  public static final String MODEL_NOT_FOUND_AVAILABILITY = """
      {"error":{"code":400,"message":"acme/fake-1.0 is not a valid model ID","metadata":{"error_type":"not_found"},"availability":{"code":"model_not_found","retryable":false,"requested_models":["acme/fake-1.0"],"docs_url":"https://openrouter.ai/docs/api/reference/errors-and-debugging"}}}""";

  /** §3.1: a 404 availability error (D-err), built from the documented fields. */
  public static final String NO_ENDPOINTS_AVAILABILITY = """
      {"error":{"error_type":"not_found","http_status":404,"message":"No endpoints found for acme/small-1.0.","availability":{"code":"no_endpoints","retryable":false,"requested_models":["acme/small-1.0"],"docs_url":"https://openrouter.ai/docs/api/reference/errors-and-debugging"}}}""";


  // --- Credits and keys (402, 403) --------------------------------------------------------------

  /** §3.4: OAS example with the 2026 metadata (open-assistant#80). */
  public static final String INSUFFICIENT_CREDITS = """
      {"error":{"code":402,"message":"Insufficient credits. Add more using https://openrouter.ai/settings/credits","metadata":{"limit_source":"openrouter_credits","remedy_hint":"Add credits at https://openrouter.ai/settings/credits, or lower max_tokens / prompt size to fit your remaining balance."}},"user_id":"user_2yBroke"}""";

  /** §3.4: the OAS example as 2025 clients saw it, without metadata (hassanmsthf11/unlimited-claude-AI#22). */
  public static final String INSUFFICIENT_CREDITS_PLAIN = """
      {"error":{"code":402,"message":"Insufficient credits. Add more using https://openrouter.ai/settings/credits"}}""";


  /** §3.4: the affordability check (astrio-labs/forall#76). */
  public static final String CANNOT_AFFORD = """
      {"error":{"message":"This request requires more credits, or fewer max_tokens. You requested up to 64000 tokens, but can only afford 2666. To increase, visit https://openrouter.ai/settings/credits and upgrade to a paid account","code":402,"metadata":{"provider_name":null}},"user_id":"user_2yForall"}""";

  /** §3.4: the variant ending "and add more credits" (QwenLM/qwen-code#73; the numbers are filled in). */
  public static final String CANNOT_AFFORD_ADD_CREDITS = """
      {"error":{"message":"This request requires more credits, or fewer max_tokens. You requested up to 8192 tokens, but can only afford 1366. To increase, visit https://openrouter.ai/settings/credits and add more credits","code":402,"metadata":{"provider_name":null}},"user_id":"user_2yQwen"}""";


  /** §3.4: the per-key variant (anomalyco/opencode#12219). */
  public static final String CANNOT_AFFORD_KEY = """
      {"error":{"message":"This request requires more credits, or fewer max_tokens. You requested up to 32000 tokens, but can only afford 0. To increase, visit https://openrouter.ai/settings/keys and create a key with a higher monthly limit","code":402,"metadata":{"provider_name":null}},"user_id":"user_2yOpencode"}""";

  /** §3.4: the key's prompt-token limit (anomalyco/opencode#12219, 2026-05). */
  public static final String PROMPT_TOKENS_KEY_LIMIT = """
      {"error":{"message":"Prompt tokens limit exceeded: 230799 > 91442. To increase, visit https://openrouter.ai/settings/keys and create a key with a higher monthly limit","code":402},"user_id":"user_2yOpencode"}""";


  /** §3.4: in-flight budget (P-limNew; the message text is not quoted there, so it is made up). */
  public static final String IN_FLIGHT_BUDGET = """
      {"error":{"code":402,"message":"Insufficient credits for requests in flight. Retry when they finish.","metadata":{"limit_source":"openrouter_in_flight_budget"}}}""";

  /** §3.4: per-key cap as a 403 (C-65915893837). */
  public static final String KEY_LIMIT = """
      {"error":{"code":403,"message":"Key limit exceeded (total limit)"},"user_id":"user_2yKey"}""";

  /** §3.4: the daily variant (C-52904366407). */
  public static final String KEY_LIMIT_DAILY = """
      {"error":{"code":403,"message":"Key limit exceeded (daily limit)"},"user_id":"user_2yKey"}""";

  /** §3.4 and §9: the same per-key cap with the status the docs give it (402). */
  public static final String KEY_LIMIT_402 = """
      {"error":{"code":402,"message":"Key limit exceeded (daily limit)"},"user_id":"user_2yKey"}""";

  /** §3.4: a workspace budget (openrouter.ai/docs/guides/features/workspaces/workspace-budgets). */
  public static final String WORKSPACE_BUDGET = """
      {"error":{"code":403,"message":"Workspace monthly budget of $500.00 exceeded. Contact your workspace admin."}}""";


  /** §3.3: moderation (C-53779929001; flagged_input shortened). */
  public static final String MODERATION = """
      {"error":{"code":403,"message":"anthropic/claude-3-5-haiku requires moderation on Amazon Bedrock. Your input was flagged for \\"self-harm/instructions, self-harm/intent\\". No credits were charged.","metadata":{"reasons":["self-harm/instructions","self-harm/intent"],"flagged_input":"how do I...do it","provider_name":"Amazon Bedrock","model_slug":"anthropic/claude-3-5-haiku"}},"user_id":"user_2yMod"}""";

  /** §3.3: the OpenRouter-moderated variant (C-69009915753; model and reason filled in). */
  public static final String MODERATION_OPENROUTER = """
      {"error":{"code":403,"message":"openai/gpt-4o-mini requires moderation on OpenRouter. Your input was flagged for \\"harassment\\". No credits were charged.","metadata":{"reasons":["harassment"],"flagged_input":"you are...useless","model_slug":"openai/gpt-4o-mini"}}}""";


  /** §3.3 and D-err: a guardrail block with the opt-in openrouter_metadata. */
  public static final String GUARDRAIL = """
      {"error":{"code":403,"message":"Request blocked: prompt injection patterns detected","metadata":{"patterns":["ignore all previous instructions"]}},"openrouter_metadata":{"requested":"openai/gpt-4o","strategy":"direct","attempt":1,"is_byok":false,"pipeline":[{"type":"guardrail","name":"regex_pi_detection"}]}}""";

  // --- Requests (400, 401, 404) -----------------------------------------------------------------

  /** §3.4: context length (Aider-AI/aider#3721). */
  public static final String CONTEXT_LENGTH = """
      {"error":{"message":"This endpoint's maximum context length is 131072 tokens. However, you requested about 141607 tokens (10535 of text input, 131072 in the output). Please reduce the length of either one, or use the \\"middle-out\\" transform to compress your prompt automatically.","code":400,"metadata":{"provider_name":"Chutes"}},"user_id":"user_2yCtx"}""";

  /** §3.4: the 2026 wording (Kilo-Org/cloud#2671; the totals are filled in). */
  public static final String CONTEXT_LENGTH_2026 = """
      {"error":{"message":"This endpoint's maximum context length is 200000 tokens. However, you requested about 204000 tokens (~160k text input + ~12k tool input + 32k output). Please reduce the length of either one, or use the context-compression plugin to compress your prompt automatically.","code":400,"metadata":{"provider_name":"Anthropic"}},"user_id":"user_2yKilo"}""";


  /** §3.4: D-err example. */
  public static final String INVALID_MODEL = """
      {"error":{"code":400,"message":"acme/fake-1.0 is not a valid model ID"},"user_id":"user_2yModel"}""";

  /** §1.3: a fallback list longer than three (C-60799872196, C-66416336323). */
  public static final String MODELS_OVER_THREE = """
      {"error":{"code":400,"message":"'models' array must have 3 items or fewer."}}""";


  public static final String NO_AUTH = """
      {"error":{"message":"No auth credentials found","code":401}}""";

  public static final String USER_NOT_FOUND = """
      {"error":{"message":"User not found.","code":401}}""";

  public static final String MISSING_AUTH_HEADER = """
      {"error":{"code":401,"message":"Missing Authentication header"}}""";

  /** §3.4: Gitlawb/openclaude#967. */
  public static final String NO_COOKIE_AUTH = """
      {"error":{"message":"No cookie auth credentials found","code":401}}""";


  /** §3.4: routing preferences left nothing (C-68778655588). */
  public static final String NO_ALLOWED_PROVIDERS = """
      {"error":{"code":404,"message":"No allowed providers are available for the selected model. Providers serving deepseek/deepseek-chat-v3: DeepInfra, Together, but your request's provider.only preference permits only: Fireworks.","metadata":{"available_providers":["DeepInfra","Together"],"requested_providers":["Fireworks"]}},"user_id":"user_2yRoute"}""";

  /** §3.4: routing messages, each wrapped in the documented 404 shape (the model names are filled in). */
  public static final String NO_ENDPOINTS_FOR_MODEL = """
      {"error":{"code":404,"message":"No endpoints found for mistralai/mistral-7b-instruct:free."}}""";

  public static final String NO_ENDPOINTS_TOOL_USE = """
      {"error":{"code":404,"message":"No endpoints found that support tool use"}}""";

  public static final String NO_ENDPOINTS_IMAGE_INPUT = """
      {"error":{"code":404,"message":"No endpoints found that support image input"}}""";

  public static final String NO_ENDPOINTS_OUTPUT_MODALITIES = """
      {"error":{"code":404,"message":"No endpoints found that support the requested output modalities: image, text"}}""";

  public static final String NO_ENDPOINTS_TOOL_CHOICE = """
      {"error":{"code":404,"message":"No endpoints found that support the provided 'tool_choice' value"}}""";

  public static final String NO_ENDPOINTS_DATA_POLICY = """
      {"error":{"code":404,"message":"No endpoints found matching your data policy (Free model publication). Configure: https://openrouter.ai/settings/privacy"}}""";

  /** §1.3: require_parameters with json_schema on free models (C-55521088693). */
  public static final String NO_ENDPOINTS_PARAMETERS = """
      {"error":{"code":404,"message":"No endpoints found that can handle the requested parameters"}}""";


  // --- Providers failing (5xx, 408) -------------------------------------------------------------

  /** §3.2 (OAS example), with raw as a JSON-encoded string as P-errOld describes it. */
  public static final String PROVIDER_ERROR_502 = """
      {"error":{"code":502,"message":"Provider returned error","metadata":{"raw":"{\\"error\\":{\\"code\\":429,\\"message\\":\\"Resource has been exhausted (e.g. check quota).\\",\\"status\\":\\"RESOURCE_EXHAUSTED\\"}}","provider_name":"Google AI Studio"}}}""";

  /** §3.2: the OAS example as it stands, without raw. */
  public static final String PROVIDER_ERROR_502_PLAIN = """
      {"error":{"code":502,"message":"Provider returned error"}}""";


  public static final String UNAVAILABLE_503 = """
      {"error":{"code":503,"message":"Service temporarily unavailable","metadata":{"error_type":"provider_overloaded"}}}""";

  public static final String OVERLOADED_529 = """
      {"error":{"code":529,"message":"Provider returned error","metadata":{"provider_name":"Anthropic"}}}""";

  public static final String TIMEOUT_408 = """
      {"error":{"code":408,"message":"Operation timed out. Please try again later."}}""";

  /** §3.2: an edge timeout (OAS EdgeNetworkTimeoutResponse). */
  public static final String EDGE_TIMEOUT_524 = """
      {"error":{"code":524,"message":"Request timed out. Please try again later."}}""";

  /** §3.2: a typed timeout (D-err error_type); the message is made up. */
  public static final String TIMEOUT_504 = """
      {"error":{"code":504,"message":"Upstream request timed out","metadata":{"error_type":"timeout"}}}""";


  /** D-err: a 500 is masked, keeping only error_type. */
  public static final String MASKED_500 = """
      {"error":{"code":500,"message":"Internal Server Error","metadata":{"error_type":"server"}}}""";

  // --- Errors inside a 200 ----------------------------------------------------------------------

  /** §1.4: BerriAI/litellm#8448 (2025-02), a bare error in a 200. */
  public static final String OK_BODY_CLOUDFLARE_1015 = """
      {"error":{"message":"Provider returned error","code":429,"metadata":{"raw":"error code: 1015","provider_name":"Kluster"}},"user_id":"user_2yLitellm"}""";

  /** §1.4: SWE-agent/mini-swe-agent#902 (2026-07), no choices. */
  public static final String OK_BODY_FLAGGED_502 = """
      {"error":{"message":"This content was flagged for possible cybersecurity risk. If this seems wrong, try rephrasing your request. To get authorized for security work, join the Trusted Access for Cyber program: https://chatgpt.com/cyber","code":502}}""";

  /** §1.4 and D-err: the error in the first choice, next to partial content. */
  public static final String OK_BODY_CHOICE_ERROR = """
      {"choices":[{"message":{"role":"assistant","content":"partial output..."},"finish_reason":"error","error":{"code":502,"message":"Provider disconnected mid-stream","metadata":{"error_type":"provider_unavailable"}}}]}""";

  /** §1.4: a real success (C-71518641859, 2026-10-04). */
  public static final String OK_BODY = """
      {"id":"gen-1791084135-7wgkROHXIojJJ2sMtIIm","object":"chat.completion","created":1791084135,"model":"deepseek/deepseek-v4-pro-0813","provider":"DeepInfra","system_fingerprint":null,"service_tier":"default","choices":[{"index":0,"logprobs":null,"finish_reason":"length","native_finish_reason":"length","message":{"role":"assistant","content":"OK","refusal":null,"reasoning":null}}],"usage":{"prompt_tokens":8,"completion_tokens":1,"total_tokens":9,"cost":0.000013,"is_byok":false,"prompt_tokens_details":{"cached_tokens":0,"cache_write_tokens":0,"audio_tokens":0,"video_tokens":0},"cost_details":{"upstream_inference_cost":0.000013,"upstream_inference_prompt_cost":0.0000104,"upstream_inference_completions_cost":0.0000026},"completion_tokens_details":{"reasoning_tokens":0,"image_tokens":0,"audio_tokens":0}}}""";

  // --- Mid-stream chunks ------------------------------------------------------------------------

  /** §2 and D-err: the documented mid-stream error, numeric code. */
  public static final String CHUNK_DOCS = """
      {"id":"gen-abc123","object":"chat.completion.chunk","created":1234567890,"model":"openai/gpt-4o","provider":"OpenAI","error":{"code":429,"message":"Rate limit exceeded","metadata":{"error_type":"rate_limit_exceeded"}},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}""";

  /** §2 and D-str: the streaming page's example, string code. */
  public static final String CHUNK_STRING_CODE = """
      {"id":"cmpl-abc123","object":"chat.completion.chunk","created":1234567890,"model":"openai/gpt-4o","provider":"openai","error":{"code":"server_error","message":"Provider disconnected unexpectedly"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}""";

  /** §2: a real mid-stream throttle (C-60875589754), wrapped in the documented chunk. */
  public static final String CHUNK_UPSTREAM_THROTTLE = """
      {"id":"gen-1785160442-5ORlzdIrlBsDoqBP7E7B","object":"chat.completion.chunk","created":1785160442,"model":"openai/gpt-5.6-luna","provider":"OpenAI","error":{"code":429,"message":"openai/gpt-5.6-luna is temporarily rate-limited upstream.","metadata":{"error_type":"rate_limit_exceeded"}},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error","native_finish_reason":"error"}]}""";

  /** §2: the 2026 capture's last chunk, a finish choice and usage together (C-59155548901; values filled in). */
  public static final String CHUNK_FINAL_WITH_USAGE = """
      {"id":"gen-1785160442-5ORlzdIrlBsDoqBP7E7B","object":"chat.completion.chunk","created":1785160442,"model":"openai/gpt-4o","provider":"OpenAI","choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop","native_finish_reason":"stop"}],"usage":{"prompt_tokens":8,"completion_tokens":2,"total_tokens":10,"cost":0.00002}}""";

}
