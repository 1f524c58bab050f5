package dev.reactivetracing.bench.load;

/**
 * What the orders of a load look like: two products drawn from the two halves of the catalog (wrk, Hyperfoil and
 * pgbench alike), one product drawn from the whole catalog, or one product for every order (the hot product).
 *
 * @param items products per order, one unit each
 * @param hotProduct the one product every order is for, or null
 */
public record OrderShape(int items, String hotProduct) {

    public static final OrderShape TWO_SPREAD = new OrderShape(2, null);
    public static final OrderShape ONE_SPREAD = new OrderShape(1, null);

    public static OrderShape hot(String product) {
        return new OrderShape(1, product);
    }

    public boolean isHot() {
        return hotProduct != null;
    }

    public String key() {
        return isHot() ? "hot" : "spread";
    }
}
