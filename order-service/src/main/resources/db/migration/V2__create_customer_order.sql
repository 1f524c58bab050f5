-- "order" is a reserved word: the table is customer_order.
CREATE TABLE customer_order (
    id                  uuid        PRIMARY KEY,
    customer_id         uuid        NOT NULL REFERENCES customer (id),
    status              text        NOT NULL CHECK (status IN ('CREATED', 'CANCELLED')),
    total_cents         bigint      NOT NULL CHECK (total_cents >= 0),
    reservation_id      uuid        NOT NULL,
    -- The Idempotency-Key of the request that created the order (keys are per customer), with a fingerprint of
    -- that request's body.
    idempotency_key     text        CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    request_fingerprint text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX customer_order_by_customer_idx ON customer_order (customer_id, created_at DESC, id);
CREATE UNIQUE INDEX customer_order_idempotency_key ON customer_order (customer_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

CREATE TABLE order_item (
    order_id         uuid    NOT NULL REFERENCES customer_order (id),
    product_id       text    COLLATE "C" NOT NULL,
    quantity         integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    unit_price_cents bigint  NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, product_id)
);
