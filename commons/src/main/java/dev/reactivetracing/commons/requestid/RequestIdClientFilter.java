package dev.reactivetracing.commons.requestid;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** Forwards the current request's id to the service being called. Register it on each REST client interface. */
public class RequestIdClientFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        String requestId = RequestIds.current();
        if (requestId != null && !request.getHeaders().containsKey(RequestIds.HEADER)) {
            request.getHeaders().putSingle(RequestIds.HEADER, requestId);
        }
    }
}
