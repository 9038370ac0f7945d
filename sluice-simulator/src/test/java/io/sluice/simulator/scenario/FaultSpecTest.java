package io.sluice.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultSpecTest {

  @Test
  void everyTypeCanBeBuiltInCode() {
    FaultSpec.ROUTING_TYPES.forEach(type -> assertThat(FaultSpec.of(type).isRouting()).isTrue());
    FaultSpec.DELIVERY_TYPES.forEach(type -> assertThat(FaultSpec.of(type).isRouting()).isFalse());
  }

  @Test
  void aSlowFirstTokenWithoutADelayIsTenSecondsLate() {
    assertThat(FaultSpec.of("slow-first-token").delay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(FaultSpec.of("slow-first-token").withDelay(Duration.ofSeconds(3)).delay()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aFormMustBelongToItsType() {
    assertThatThrownBy(() -> FaultSpec.of("outage").withForm("raw"))
        .hasMessageContaining("faults[outage].form must be one of []");
    assertThat(FaultSpec.of("rate-limit").withForm("docs").form()).isEqualTo("docs");
  }
}
