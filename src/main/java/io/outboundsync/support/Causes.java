package io.outboundsync.support;

/** The failure that started it all, under the layers that passed it on (Camel's bean calls, executors). */
public final class Causes {

    private Causes() {
    }

    /** The last throwable of the cause chain. */
    public static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The first throwable of a type in the cause chain, or null. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
