package io.sluice.gateway.config;

import static io.sluice.gateway.config.Checks.orDefault;
import static io.sluice.gateway.config.Checks.require;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a route alias (the {@code model} a client asks for, such as {@code drafting}) stands for.
 *
 * @param models the candidate model ids, most preferred first
 */
public record Route(List<String> models) {

  public Route {
    models = checkModels(orDefault(models, List.of()));
  }

  private static List<String> checkModels(List<String> models) {
    require(!models.isEmpty(), "models must list at least one model id, such as openai/gpt-4o-mini");
    Set<String> seen = new HashSet<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      String id = models.get(i);
      require(id != null && !id.isBlank() && id.chars().noneMatch(Character::isWhitespace),
          "models[" + i + "] must be a model id such as openai/gpt-4o-mini, was '" + id + "'");
      require(seen.add(id), "models[" + i + "] repeats '" + id + "'");
      ids.add(id);
    }
    return List.copyOf(ids);
  }
}
