
-- Appended to order.sql for "R_sql with delivery": what the outbox relay then makes PostgreSQL do for the order.
-- order-service's relay claims due events 20 at a time (OutboxRepository.CLAIM_DUE, once per 20 orders here) ...
\set claim random(1, 20)
\if :claim = 1
UPDATE outbox SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => 60.0) WHERE id IN (SELECT id FROM outbox WHERE published_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT 20 FOR UPDATE SKIP LOCKED) RETURNING id, event_id, event_type, payload, traceparent, tracestate, attempts;
\endif
-- ... inventory-service confirms the reservation in a transaction (ReservationRepository.MARK_CONFIRMED) ...
BEGIN;
UPDATE reservation SET status = 'CONFIRMED', updated_at = now() WHERE id = (lpad(to_hex(:r1::bigint), 16, '0') || lpad(to_hex(:r2::bigint), 16, '0'))::uuid AND order_id = (lpad(to_hex(:o1::bigint), 16, '0') || lpad(to_hex(:o2::bigint), 16, '0'))::uuid::text AND status = 'RESERVED';
COMMIT;
-- ... and the relay marks the event published (OutboxRepository.MARK_PUBLISHED; by event_id, the unique key known here).
UPDATE outbox SET published_at = now(), last_error = NULL WHERE event_id = (lpad(to_hex(:e1::bigint), 16, '0') || lpad(to_hex(:e2::bigint), 16, '0'))::uuid AND attempts >= 0;
