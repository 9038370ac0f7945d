package io.sluice.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Environment variables in configuration values: ${NAME}, ${NAME:-default} and $$. */
class InterpolationTest {

  private static final Map<String, String> ENV = Map.of(
      "HOST", "example.com",
      "EMPTY", "",
      "DOLLARS", "pa$$word",
      "NESTED", "${HOST}",
      "_UNDER_9", "u");

  private static String apply(String text) throws Interpolation.Problem {
    return Interpolation.apply(text, ENV);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', emptyValue = "", textBlock = """
      plain text                        | plain text
      ""                                | ""
      ${HOST}                           | example.com
      https://${HOST}/v1                | https://example.com/v1
      ${HOST}${HOST}                    | example.comexample.com
      ${MISSING:-fallback}              | fallback
      ${HOST:-fallback}                 | example.com
      ${EMPTY:-fallback}                | fallback
      ${EMPTY}                          | ""
      ${MISSING:-}                      | ""
      ${MISSING:-http://x:8080/a-b}     | http://x:8080/a-b
      ${MISSING:-a$b:-c}                | a$b:-c
      $$                                | $
      $${HOST}                          | ${HOST}
      $$$${HOST}                        | $${HOST}
      $$${HOST}                         | $example.com
      cost: 5$$                         | cost: 5$
      ${DOLLARS}                        | pa$$word
      ${NESTED}                         | ${HOST}
      ${_UNDER_9}                       | u
      }{                                | }{
      """)
  void replacesReferencesAndKeepsEverythingElse(String text, String expected) throws Interpolation.Problem {
    assertThat(apply(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      ${MISSING}                | environment variable MISSING is not set (write ${MISSING:-default} to give a default)
      x${MISSING}               | environment variable MISSING is not set
      ${HOST                    | the '${' at column 1 has no closing '}'
      ab${                      | the '${' at column 3 has no closing '}'
      ${}                       | the '${' at column 1 is not ${NAME} or ${NAME:-default}
      ${1ABC}                   | the '${' at column 1 is not ${NAME} or ${NAME:-default}
      ${A B}                    | is not ${NAME} or ${NAME:-default}
      ${HOST:default}           | is not ${NAME} or ${NAME:-default}
      ${HOST-default}           | is not ${NAME} or ${NAME:-default}
      ${HOST:?required}         | is not ${NAME} or ${NAME:-default}
      ${${HOST}}                | is not ${NAME} or ${NAME:-default}
      $HOST                     | the '$' at column 1 starts no variable: write ${NAME} for a variable or $$ for a dollar sign
      price 5$                  | the '$' at column 8 starts no variable
      $$$                       | the '$' at column 3 starts no variable
      """)
  void refusesWhatItCannotReadNamingTheVariableOrColumn(String text, String problem) {
    assertThatThrownBy(() -> apply(text))
        .isInstanceOf(Interpolation.Problem.class)
        .hasMessageContaining(problem);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      sk-or-v1-0123456789abcdef$x
      sk-or-v1-0123456789abcdef${oops
      sk-or-v1-0123456789abcdef${BAD NAME}
      """)
  void aProblemNeverRepeatsTheTextAroundIt(String secretLike) {
    assertThatThrownBy(() -> apply(secretLike))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("0123456789abcdef"));
  }

  @Property(tries = 300)
  void textWithoutADollarIsLeftAlone(@ForAll String text) throws Interpolation.Problem {
    String noDollar = text.replace("$", "");

    assertThat(apply(noDollar)).isSameAs(noDollar);
  }

  @Property(tries = 300)
  void doublingEveryDollarGivesTheTextBack(@ForAll String text) throws Interpolation.Problem {
    assertThat(apply(text.replace("$", "$$"))).isEqualTo(text);
  }
}
