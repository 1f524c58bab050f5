-- "order" is a reserved word: the table is customer_order.
CREATE TABLE customer_order (
    id                  uuid        PRIMARY KEY,
    customer_id         uuid        NOT NULL REFERENCES customer (id),
    status              text        NOT NULL CHECK (status IN ('CREATED', 'CANCELLED')),
    total_cents         bigint      NOT NULL CHECK (total_cents >= 0),
    reservation_id      uuid        NOT NULL,
    -- Idempotency-Key of the request that created the order, with a fingerprint of that request's body: the same key
    -- with the same body replays the order, with another body it is refused.
    idempotency_key     text        UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    request_fingerprint text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX customer_order_by_customer_idx ON customer_order (customer_id, created_at DESC, id);

CREATE TABLE order_item (
    order_id         uuid    NOT NULL REFERENCES customer_order (id),
    product_id       text    NOT NULL,
    quantity         integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    unit_price_cents bigint  NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, product_id)
);
