-- Transactional outbox: an event is written in the same transaction as the change it announces, and delivered
-- afterwards (at least once) by the relay. traceparent/tracestate keep the W3C trace context of the span that
-- wrote the event, so that its delivery continues the request's trace.
CREATE TABLE outbox (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    event_type      text        NOT NULL,
    aggregate_id    uuid        NOT NULL,
    payload         jsonb       NOT NULL,
    traceparent     text,
    tracestate      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    -- Set when delivery was refused for good (e.g. the reservation expired): kept for a person to look at, never
    -- retried.
    failed_at       timestamptz
);

CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at, id) WHERE published_at IS NULL AND failed_at IS NULL;
