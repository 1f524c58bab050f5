-- A reservation in one statement: one round trip from inventory-service, so a product's row lock is held for the
-- time PostgreSQL needs to decrement it and commit, never across a round trip to the service and back. On a product
-- every buyer wants at once (a flash sale), that is what keeps the row from being the bottleneck.
--
-- Called in autocommit: the whole call is one transaction. Its outcome comes back as rows:
--   'existing' one row per line of the reservation the order already has (a replay: the caller compares the lines;
--              a released or expired one is refused by the caller); one row with null product_id if it has no lines
--              (a tombstone)
--   'unknown'  a requested product the catalog does not have (available null)
--   'short'    a requested product with less stock than requested (available: what there is)
--   'created'  one row per line of the new reservation, priced as the product is now
-- Nothing is taken unless every line can be: unknown or short products are found from committed data, before any
-- lock is taken, so a request that is going to be refused never waits for a lock. A request that loses the race for
-- the last units after that look gives back what it took in this same transaction and answers 'short'.
-- Rows are locked in product id order (ids compare as "C"), like every other path that changes stock, so two
-- reservations never deadlock; the reservation row comes first, as in the release and expiry paths.
CREATE FUNCTION reserve_stock(p_reservation_id uuid, p_order_id text, p_time_to_live_seconds double precision,
                              p_product_ids text[], p_quantities integer[])
    RETURNS TABLE (outcome text, reservation_id uuid, status text, expires_at timestamptz, product_id text,
                   quantity integer, unit_price_cents bigint, available integer)
    LANGUAGE plpgsql
AS $$
DECLARE
    requested   record;
    taken_price bigint;
    taken_ids   text[] := '{}';
    taken_qty   integer[] := '{}';
    taken_price_list bigint[] := '{}';
    expiry      timestamptz;
BEGIN
    RETURN QUERY
        SELECT 'existing', r.id, r.status, r.expires_at, i.product_id, i.quantity, i.unit_price_cents, NULL::integer
        FROM reservation r LEFT JOIN reservation_item i ON i.reservation_id = r.id
        WHERE r.order_id = p_order_id;
    IF FOUND THEN
        RETURN;
    END IF;

    RETURN QUERY
        SELECT CASE WHEN p.id IS NULL THEN 'unknown' ELSE 'short' END, NULL::uuid, NULL::text, NULL::timestamptz,
               line.id, line.qty, NULL::bigint, p.stock
        FROM unnest(p_product_ids, p_quantities) AS line (id, qty)
        LEFT JOIN product p ON p.id = line.id
        WHERE p.id IS NULL OR p.stock < line.qty;
    IF FOUND THEN
        RETURN;
    END IF;

    -- Claims the order id. A concurrent first request for the same order waits here on the unique index until that
    -- one commits, then becomes a replay.
    INSERT INTO reservation AS r (id, order_id, status, expires_at)
    VALUES (p_reservation_id, p_order_id, 'RESERVED', now() + make_interval(secs => p_time_to_live_seconds))
    ON CONFLICT (order_id) DO NOTHING
    RETURNING r.expires_at INTO expiry;
    IF NOT FOUND THEN
        RETURN QUERY
            SELECT 'existing', r.id, r.status, r.expires_at, i.product_id, i.quantity, i.unit_price_cents,
                   NULL::integer
            FROM reservation r LEFT JOIN reservation_item i ON i.reservation_id = r.id
            WHERE r.order_id = p_order_id;
        RETURN;
    END IF;

    FOR requested IN
        SELECT line.id, line.qty FROM unnest(p_product_ids, p_quantities) AS line (id, qty) ORDER BY line.id
    LOOP
        UPDATE product p SET stock = p.stock - requested.qty, updated_at = now()
        WHERE p.id = requested.id AND p.stock >= requested.qty
        RETURNING p.price_cents INTO taken_price;
        IF NOT FOUND THEN
            -- Lost the race for the last units: give back what this call took (nobody else could see it) and report
            -- every line that is short now.
            UPDATE product p SET stock = p.stock + back.qty
            FROM unnest(taken_ids, taken_qty) AS back (id, qty)
            WHERE p.id = back.id;
            DELETE FROM reservation r WHERE r.id = p_reservation_id;
            RETURN QUERY
                SELECT 'short', NULL::uuid, NULL::text, NULL::timestamptz, line.id, line.qty, NULL::bigint, p.stock
                FROM unnest(p_product_ids, p_quantities) AS line (id, qty)
                JOIN product p ON p.id = line.id
                WHERE p.stock < line.qty;
            IF NOT FOUND THEN
                -- Stock came back (a release) between the update and this look: still short when it mattered.
                RETURN QUERY
                    SELECT 'short', NULL::uuid, NULL::text, NULL::timestamptz, p.id, requested.qty, NULL::bigint,
                           p.stock
                    FROM product p WHERE p.id = requested.id;
            END IF;
            RETURN;
        END IF;
        taken_ids := taken_ids || requested.id;
        taken_qty := taken_qty || requested.qty;
        taken_price_list := taken_price_list || taken_price;
    END LOOP;

    INSERT INTO reservation_item (reservation_id, product_id, quantity, unit_price_cents)
    SELECT p_reservation_id, line.id, line.qty, line.price
    FROM unnest(taken_ids, taken_qty, taken_price_list) AS line (id, qty, price);

    RETURN QUERY
        SELECT 'created', p_reservation_id, 'RESERVED'::text, expiry, line.id, line.qty, line.price, NULL::integer
        FROM unnest(taken_ids, taken_qty, taken_price_list) AS line (id, qty, price);
END
$$;
