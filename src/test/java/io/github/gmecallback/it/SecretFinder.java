package io.github.gmecallback.it;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds secrets in a text wherever they stand, whatever surrounds them ({@code Signature=…},
 * {@code sha1:…}, inside a word or a line of JSON): every secret is indexed by a 16-character
 * piece of itself, and one pass over the text looks each 16-character window up, so that
 * thousands of signatures and bodies are looked for in megabytes of log at once. Secrets shorter
 * than the window are looked for one by one.
 */
final class SecretFinder {

    private static final int WINDOW = 16;

    private record Secret(String kind, String text, int anchor) {
    }

    private final Map<String, List<Secret>> anchored = new HashMap<>();
    private final List<Secret> shortOnes = new ArrayList<>();

    /**
     * Looks for these secrets too.
     *
     * @param kind    what they are, for the findings ({@code key}, {@code signature}, {@code body})
     * @param secrets the secrets
     * @return this finder
     */
    SecretFinder add(String kind, Collection<String> secrets) {
        for (String text : secrets) {
            if (text.length() < WINDOW) {
                shortOnes.add(new Secret(kind, text, 0));
            } else {
                // From the middle: bodies share their first and last characters, not their middle.
                int anchor = (text.length() - WINDOW) / 2;
                anchored.computeIfAbsent(text.substring(anchor, anchor + WINDOW), k -> new ArrayList<>())
                        .add(new Secret(kind, text, anchor));
            }
        }
        return this;
    }

    /**
     * The secrets that occur in a text, each once, as {@code <kind> <secret>}.
     *
     * @param text the text, a server's log
     * @return what was found
     */
    List<String> in(String text) {
        List<String> found = new ArrayList<>();
        shortOnes.stream().filter(s -> text.contains(s.text())).forEach(s -> found.add(s.kind() + " " + s.text()));
        java.util.Set<Secret> seen = new java.util.HashSet<>();
        for (int i = 0; i + WINDOW <= text.length(); i++) {
            List<Secret> candidates = anchored.get(text.substring(i, i + WINDOW));
            if (candidates == null) {
                continue;
            }
            for (Secret s : candidates) {
                int start = i - s.anchor();
                if (start >= 0 && text.startsWith(s.text(), start) && seen.add(s)) {
                    found.add(s.kind() + " " + s.text());
                }
            }
        }
        return found;
    }
}
