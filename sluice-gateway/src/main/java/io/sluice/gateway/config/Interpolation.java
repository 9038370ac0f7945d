package io.sluice.gateway.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Environment variables in configuration values: {@code ${NAME}} is the variable's value (an error
 * when it is not set), {@code ${NAME:-default}} is the default when the variable is unset or empty,
 * and {@code $$} is one {@code $}. A default is literal text up to the first {@code }}. Values
 * that come from the environment are not interpolated again. Any other {@code $} is an error, so
 * that {@code $NAME} written by habit is not silently sent as text.
 *
 * <p>Problems name the variable and the column, never the text around it: the value may be a secret.
 */
final class Interpolation {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Interpolation() {}

  /** What can go wrong, said without repeating the value. */
  static final class Problem extends Exception {
    Problem(String message) {
      super(message, null, false, false);
    }
  }

  static String apply(String text, Map<String, String> env) throws Problem {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
      } else if (text.startsWith("$$", i)) {
        out.append('$');
        i += 2;
      } else if (text.startsWith("${", i)) {
        i = reference(text, i, env, out);
      } else {
        throw new Problem("the '$' at column " + (i + 1) + " starts no variable: write ${NAME} for a variable"
            + " or $$ for a dollar sign");
      }
    }
    return out.toString();
  }

  /** Appends the value of the reference that starts at {@code start}; returns the index after it. */
  private static int reference(String text, int start, Map<String, String> env, StringBuilder out) throws Problem {
    int end = text.indexOf('}', start);
    if (end < 0) {
      throw new Problem("the '${' at column " + (start + 1) + " has no closing '}'");
    }
    String body = text.substring(start + 2, end);
    int dash = body.indexOf(":-");
    String name = dash < 0 ? body : body.substring(0, dash);
    if (!NAME.matcher(name).matches()) {
      throw new Problem("the '${' at column " + (start + 1) + " is not ${NAME} or ${NAME:-default}"
          + " (a NAME is letters, digits and '_', not starting with a digit)");
    }
    String value = env.get(name);
    if (dash >= 0) {
      out.append(value == null || value.isEmpty() ? body.substring(dash + 2) : value);
    } else if (value != null) {
      out.append(value);
    } else {
      throw new Problem("environment variable " + name + " is not set (write ${" + name + ":-default} to give a default)");
    }
    return end + 1;
  }
}
