-- R_sql: the SQL statements one POST /api/orders makes PostgreSQL run, in the same transactions, against the same
-- schema (the services' own Flyway migrations, applied to one database) on the same server. Statement texts are the
-- services' own (order-service repository/, inventory-service repository/); where a service binds a value computed
-- in Java (a random UUID, a price read from the locked row, a SHA-256 fingerprint), the value is computed here from
-- pgbench's random numbers instead, inside the same statement: no extra round trip.
-- Variables from bin/bench: -D products=N (ids BENCH-0..N-1, price 100+i cents) -D customers=M (ids 0..0<i>).
\set c random(1, :customers)
\set p1 random(0, :products / 2 - 1)
\set p2 random(:products / 2, :products - 1)
\set price1 100 + :p1
\set price2 100 + :p2
\set o1 random(1, 9223372036854775806)
\set o2 random(1, 9223372036854775806)
\set r1 random(1, 9223372036854775806)
\set r2 random(1, 9223372036854775806)
\set e1 random(1, 9223372036854775806)
\set e2 random(1, 9223372036854775806)

-- order-service, create_order: the customer exists (CustomerRepository.EXISTS) ...
SELECT EXISTS (SELECT 1 FROM customer WHERE id = ('00000000-0000-0000-0000-' || lpad(to_hex(:c::bigint), 12, '0'))::uuid) AS found;

-- ... and the attempt that owns the order id before anything is reserved (OrderAttemptRepository.BEGIN, without an
-- Idempotency-Key; owner timeout 5 s, claim timeout 2 min).
INSERT INTO order_attempt AS a (order_id, customer_id, idempotency_key, request_fingerprint, owner_instance) VALUES ((lpad(to_hex(:o1::bigint), 16, '0') || lpad(to_hex(:o2::bigint), 16, '0'))::uuid, ('00000000-0000-0000-0000-' || lpad(to_hex(:c::bigint), 12, '0'))::uuid, NULL, repeat(lpad(to_hex(:o1::bigint), 16, '0'), 4), '00000000-0000-0000-0000-000000000001'::uuid) ON CONFLICT (customer_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO UPDATE SET owner_instance = EXCLUDED.owner_instance, started_at = now() WHERE a.request_fingerprint = EXCLUDED.request_fingerprint AND a.state = 'IN_PROGRESS' AND NOT EXISTS (SELECT 1 FROM customer_order o WHERE o.id = a.order_id) AND (a.started_at < now() - make_interval(secs => 120.0) OR (a.started_at < now() - make_interval(secs => 5.0) AND NOT EXISTS (SELECT 1 FROM service_instance i WHERE i.id = a.owner_instance AND i.heartbeat_at > now() - make_interval(secs => 5.0)))) RETURNING order_id;

-- inventory-service, reserve_stock: one statement, in autocommit (ReservationRepository.RESERVE; the function is the
-- service's own migration V3__reserve_stock_function.sql).
SELECT outcome, reservation_id, status, expires_at, product_id, quantity, unit_price_cents, available FROM reserve_stock((lpad(to_hex(:r1::bigint), 16, '0') || lpad(to_hex(:r2::bigint), 16, '0'))::uuid, (lpad(to_hex(:o1::bigint), 16, '0') || lpad(to_hex(:o2::bigint), 16, '0'))::uuid::text, 900.0, ARRAY['BENCH-' || :p1::bigint, 'BENCH-' || :p2::bigint]::text[], ARRAY[1, 1]::int[]);

-- order-service, save_order + publish_event: one transaction (OrderRepository.INSERT, which also ends the attempt,
-- .INSERT_ITEMS, OutboxRepository.INSERT); traceparent is NULL, as with tracing off.
BEGIN;
WITH attempt_done AS (DELETE FROM order_attempt WHERE order_id = (lpad(to_hex(:o1::bigint), 16, '0') || lpad(to_hex(:o2::bigint), 16, '0'))::uuid AND idempotency_key IS NULL) INSERT INTO customer_order (id, customer_id, status, total_cents, reservation_id, idempotency_key, request_fingerprint) VALUES ((lpad(to_hex(:o1::bigint), 16, '0') || lpad(to_hex(:o2::bigint), 16, '0'))::uuid, ('00000000-0000-0000-0000-' || lpad(to_hex(:c::bigint), 12, '0'))::uuid, 'CREATED', :price1::bigint + :price2::bigint, (lpad(to_hex(:r1::bigint), 16, '0') || lpad(to_hex(:r2::bigint), 16, '0'))::uuid, NULL, repeat(lpad(to_hex(:o1::bigint), 16, '0'), 4)) RETURNING created_at;
INSERT INTO order_item (order_id, product_id, quantity, unit_price_cents) SELECT (lpad(to_hex(:o1::bigint), 16, '0') || lpad(to_hex(:o2::bigint), 16, '0'))::uuid, item.product_id, item.quantity, item.unit_price_cents FROM unnest(ARRAY['BENCH-' || :p1::bigint, 'BENCH-' || :p2::bigint]::text[], ARRAY[1, 1]::int[], ARRAY[:price1::bigint, :price2::bigint]::bigint[]) AS item (product_id, quantity, unit_price_cents);
INSERT INTO outbox (event_id, event_type, aggregate_id, payload, traceparent, tracestate) VALUES ((lpad(to_hex(:e1::bigint), 16, '0') || lpad(to_hex(:e2::bigint), 16, '0'))::uuid, 'order.created', (lpad(to_hex(:o1::bigint), 16, '0') || lpad(to_hex(:o2::bigint), 16, '0'))::uuid, jsonb_build_object('event_id', (lpad(to_hex(:e1::bigint), 16, '0') || lpad(to_hex(:e2::bigint), 16, '0')), 'order_id', (lpad(to_hex(:o1::bigint), 16, '0') || lpad(to_hex(:o2::bigint), 16, '0')), 'customer_id', :c::bigint, 'reservation_id', (lpad(to_hex(:r1::bigint), 16, '0') || lpad(to_hex(:r2::bigint), 16, '0')), 'total_cents', :price1::bigint + :price2::bigint, 'item_count', 2), NULL, NULL);
COMMIT;
