package io.sluice.gateway.chat;

import io.sluice.gateway.auth.ClientKey;
import java.util.Optional;

/**
 * Who asked for what, carried along one chat request.
 *
 * @param requestId Sluice's id for the request
 * @param key the caller's key
 * @param route the route alias the client named, if it named one
 * @param model the model sent upstream (the alias resolved), or empty when the client sent none
 * @param stream whether the client asked for a stream
 * @param startNanos when the request was complete, on the gateway's timer clock
 */
record ChatContext(String requestId, ClientKey key, Optional<String> route, Optional<String> model, boolean stream,
    long startNanos) {}
