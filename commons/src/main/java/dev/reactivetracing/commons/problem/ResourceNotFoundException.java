package dev.reactivetracing.commons.problem;

/** 404 for a resource addressed by id. */
public class ResourceNotFoundException extends ProblemException {

    public ResourceNotFoundException(String resourceName, String id) {
        super(404, "not-found", "Resource not found", resourceName + " '" + id + "' does not exist.", "not_found");
    }
}
