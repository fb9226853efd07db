package io.github.gmecallback.delivery;

/**
 * Who takes an {@code inbox} entry's lease: one dispatch on one server.
 *
 * @param owner  the dispatch's own id, which every statement of the dispatch names, so that a
 *               dispatch that lost its lease changes nothing any more
 * @param server the server, as the console shows it
 */
record LeaseHolder(String owner, String server) {
}
