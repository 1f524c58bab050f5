-- order-service instances alive now: each beats every orders.attempts.heartbeat-interval. One whose beat is older
-- than orders.attempts.owner-timeout is gone (killed, or cut off from the database), and what it was doing may be
-- taken over.
CREATE TABLE service_instance (
    id           uuid        PRIMARY KEY,
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now()
);

-- An order being created, written before any stock is reserved for it, by the instance that runs the request.
--   IN_PROGRESS  the request is running (or its instance died: then a retry with the same Idempotency-Key takes the
--                attempt over with the same order id, so inventory-service's reservation for that id is the same
--                reservation, not a second one)
--   ABANDONED    the request failed after stock may have been reserved, or its instance died and nobody retried in
--                time: the stock of the order id is being given back, then the row goes
-- Without an Idempotency-Key the row goes in the transaction that saves the order; with one it stays, as the record
-- that the key was used (the same key and body replay the order, another body is refused).
CREATE TABLE order_attempt (
    order_id            uuid        PRIMARY KEY,
    customer_id         uuid        NOT NULL,
    idempotency_key     text        CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    request_fingerprint text        NOT NULL,
    state               text        NOT NULL DEFAULT 'IN_PROGRESS' CHECK (state IN ('IN_PROGRESS', 'ABANDONED')),
    owner_instance      uuid,
    started_at          timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX order_attempt_idempotency_key ON order_attempt (customer_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- The sweeper's look for attempts left behind: only rows without a saved order are of interest, and those are few.
CREATE INDEX order_attempt_started_idx ON order_attempt (started_at);

-- Claims of the previous version: every one becomes an attempt of an unknown (so absent) owner.
INSERT INTO order_attempt (order_id, customer_id, idempotency_key, request_fingerprint, owner_instance, started_at)
SELECT order_id, customer_id, idempotency_key, request_fingerprint, NULL, claimed_at FROM idempotency_claim;
DROP TABLE idempotency_claim;
