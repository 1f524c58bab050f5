package dev.reactivetracing.inventory.model;

import java.util.List;
import java.util.Map;

/** Available stock per known product, and the ids nobody knows. */
public record StockLevels(Map<String, Integer> available, List<String> unknownProductIds) {
}
