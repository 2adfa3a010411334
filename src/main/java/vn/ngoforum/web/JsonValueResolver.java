package vn.ngoforum.web;

import com.github.jknack.handlebars.ValueResolver;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Lets templates read Vert.x {@link JsonObject}s ({@code {{event.title.vi}}}) and iterate {@link JsonArray}s. */
final class JsonValueResolver implements ValueResolver {

  static final JsonValueResolver INSTANCE = new JsonValueResolver();

  @Override
  public Object resolve(Object context, String name) {
    if (context instanceof JsonObject json) {
      return json.containsKey(name) ? unwrap(json.getValue(name)) : UNRESOLVED;
    }
    if (context instanceof JsonArray array) {
      try {
        int index = Integer.parseInt(name);
        return index >= 0 && index < array.size() ? unwrap(array.getValue(index)) : UNRESOLVED;
      } catch (NumberFormatException e) {
        return "length".equals(name) ? array.size() : UNRESOLVED;
      }
    }
    return UNRESOLVED;
  }

  @Override
  public Object resolve(Object context) {
    return context instanceof JsonArray array ? array.getList() : UNRESOLVED;
  }

  @Override
  public Set<Map.Entry<String, Object>> propertySet(Object context) {
    if (context instanceof JsonObject json) {
      Set<Map.Entry<String, Object>> entries = new LinkedHashSet<>();
      json.forEach(entry -> entries.add(new AbstractMap.SimpleEntry<>(entry.getKey(), unwrap(entry.getValue()))));
      return entries;
    }
    return Collections.emptySet();
  }

  private static Object unwrap(Object value) {
    return value instanceof JsonArray array ? array.getList() : value;
  }
}
