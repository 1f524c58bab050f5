-- An Idempotency-Key claimed by the request that is creating its order (IETF draft "The Idempotency-Key HTTP Header
-- Field"). Claimed in its own short transaction before stock is reserved, so that a concurrent duplicate is told
-- "in progress" (409) instead of reserving stock of its own; the same key and body later replay the order, another
-- body is refused. A failed attempt deletes its claim so that the client can retry; a claim whose request died
-- with its process is taken over once it is older than orders.idempotency.claim-timeout.
CREATE TABLE idempotency_claim (
    customer_id         uuid        NOT NULL,
    idempotency_key     text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    request_fingerprint text        NOT NULL,
    order_id            uuid        NOT NULL,
    claimed_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, idempotency_key)
);
