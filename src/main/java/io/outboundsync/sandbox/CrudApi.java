package io.outboundsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Create, list, get, update (version-locked) and delete for one collection of configuration objects, with the
 * collection's own checks, in-use guard and view, and an audit message for every change.
 */
final class CrudApi {

    /** Checks a create ({@code existing} null) or an update body; throws a 400 naming what is wrong. */
    interface Validator {
        void validate(ObjectNode body, ObjectNode existing);
    }

    /** Refuses to delete an object something else still refers to. */
    interface DeleteGuard {
        void check(ObjectNode entity);
    }

    /** Fields the service sets itself; a body may carry them (as read), they are never taken from it. */
    static final List<String> READ_ONLY = List.of("id", "dateCreated", "dateModified", "selfUri", "version");

    private final Org org;
    private final Entities entities;
    private final Validator validator;
    private final DeleteGuard guard;
    private final BiFunction<Call, ObjectNode, ObjectNode> view;
    private final List<String> alsoReadOnly;
    private boolean deleteReturnsEntity;

    CrudApi(Org org, Entities entities, Validator validator, DeleteGuard guard,
            BiFunction<Call, ObjectNode, ObjectNode> view, List<String> alsoReadOnly) {
        this.org = org;
        this.entities = entities;
        this.validator = validator;
        this.guard = guard;
        this.view = view;
        this.alsoReadOnly = alsoReadOnly;
    }

    /** The delete answers 200 with the deleted object (campaigns do), instead of 204. */
    CrudApi deleteReturnsEntity() {
        deleteReturnsEntity = true;
        return this;
    }

    void register(Router router, String idParam) {
        String base = entities.basePath;
        router.add("POST", base, this::create)
                .add("GET", base, this::list)
                .add("GET", base + "/{" + idParam + "}", call -> get(call, idParam))
                .add("PUT", base + "/{" + idParam + "}", call -> update(call, idParam))
                .add("DELETE", base + "/{" + idParam + "}", call -> delete(call, idParam));
    }

    Reply create(Call call) {
        ObjectNode body = clean(Json.requireObject(call.json(), entities.type));
        synchronized (org) {
            validator.validate(body, null);
            ObjectNode created = entities.create(body);
            org.audit.record(call.clientId, "Create", entities.type, null, created);
            return Reply.ok(view.apply(call, created));
        }
    }

    Reply list(Call call) {
        synchronized (org) {
            return Reply.ok(entities.listing(call, e -> view.apply(call, e)));
        }
    }

    Reply get(Call call, String idParam) {
        synchronized (org) {
            return Reply.ok(view.apply(call, entities.get(call.param(idParam))));
        }
    }

    Reply update(Call call, String idParam) {
        ObjectNode raw = Json.requireObject(call.json(), entities.type);
        synchronized (org) {
            ObjectNode existing = entities.get(call.param(idParam));
            entities.checkVersion(existing, raw);
            ObjectNode body = clean(raw);
            validator.validate(body, existing);
            ObjectNode updated = entities.replace(existing, body);
            org.audit.record(call.clientId, "Update", entities.type, existing, updated);
            return Reply.ok(view.apply(call, updated));
        }
    }

    Reply delete(Call call, String idParam) {
        synchronized (org) {
            ObjectNode existing = entities.get(call.param(idParam));
            guard.check(existing);
            entities.delete(existing.get("id").asText());
            org.audit.record(call.clientId, "Delete", entities.type, existing, null);
            return deleteReturnsEntity ? Reply.ok(view.apply(call, existing)) : Reply.status(204);
        }
    }

    private ObjectNode clean(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        READ_ONLY.forEach(copy::remove);
        alsoReadOnly.forEach(copy::remove);
        return copy;
    }
}
