-- Products and their stock. Stock can never go below zero: the CHECK is the last line of defence behind the
-- conditional updates of the reservation path. Ids compare byte by byte (COLLATE "C"): the order rows are locked in
-- is then the same on every server, whatever its locale, and the same as Java's String order.
CREATE TABLE product (
    id          text        COLLATE "C" PRIMARY KEY CHECK (id ~ '^[A-Z0-9][A-Z0-9-]{0,31}$'),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    price_cents bigint      NOT NULL CHECK (price_cents >= 0),
    stock       integer     NOT NULL CHECK (stock >= 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
