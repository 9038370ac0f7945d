package io.sluice.simulator.openrouter;

import io.sluice.simulator.scenario.ModelSpec;
import io.sluice.simulator.scenario.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The models of a scenario and their endpoints, in scenario order. */
final class Catalog {

  private final Map<String, Model> models = new LinkedHashMap<>();

  Catalog(Scenario scenario) {
    for (ModelSpec spec : scenario.models()) {
      models.put(spec.id(), new Model(spec, spec.providers().stream().map(p -> new Endpoint(spec, p)).toList()));
    }
  }

  Model find(String id) {
    return models.get(id);
  }

  Iterable<Model> all() {
    return models.values();
  }

  /** The model used when a request names none: the first in the catalog. */
  String defaultModel() {
    return models.keySet().iterator().next();
  }

  record Model(ModelSpec spec, List<Endpoint> endpoints) {
    String id() {
      return spec.id();
    }
  }
}
