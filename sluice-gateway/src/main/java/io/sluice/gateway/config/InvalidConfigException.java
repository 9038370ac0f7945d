package io.sluice.gateway.config;

/**
 * A configuration that cannot be used; the message names the file, the field, its line and what
 * is wrong, and never a secret. It carries no cause on purpose: the parser's own messages quote
 * the file's text, secrets included, and a logged stack trace would print them.
 */
public final class InvalidConfigException extends RuntimeException {

  InvalidConfigException(String message) {
    super(message);
  }
}
