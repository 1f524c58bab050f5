-- Products and their stock. Stock can never go below zero: the CHECK is the last line of defence behind the
-- conditional updates of the reservation path.
CREATE TABLE product (
    id          text        PRIMARY KEY CHECK (id ~ '^[A-Z0-9][A-Z0-9-]{0,31}$'),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    price_cents bigint      NOT NULL CHECK (price_cents >= 0),
    stock       integer     NOT NULL CHECK (stock >= 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
