package io.github.gmecallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The receiver's packages, as the compiled classes depend on each other: no cycle; the public
 * API ({@code recording}) and the signer ({@code signature}) depend on nothing of ours but each
 * other; nothing depends on the web layer ({@code web}, {@code console}); the sender needs
 * nothing but the signer. A change that breaks one of these fails here, naming the dependency.
 *
 * <p>Read from the class files' constant pools, where every class a class names stands, in its
 * code, its signatures and its annotations alike (an annotation's class value is a type
 * descriptor there, which {@code jdeps} does not count).
 */
class PackageDependenciesTest {

    private static final Pattern OURS = Pattern.compile("io/github/gmecallback/([a-z]+)/");

    /** Each of our packages, by its name under io.github.gmecallback, to the ones it uses. */
    private static Map<String, Set<String>> uses;

    @BeforeAll
    static void readTheCompiledClasses() throws IOException {
        Path root = Path.of("target/classes/io/github/gmecallback");
        assertTrue(Files.isDirectory(root), "compile first: " + root);
        uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String pkg = root.relativize(file).getName(0).toString();
                Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
                for (String name : constantPoolTexts(Files.readAllBytes(file))) {
                    Matcher ours = OURS.matcher(name);
                    while (ours.find()) {
                        if (!ours.group(1).equals(pkg)) {
                            used.add(ours.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(uses.size() > 5, "our packages: " + uses);
    }

    /** The UTF-8 texts of a class file's constant pool: names, descriptors, signatures, strings. */
    private static List<String> constantPoolTexts(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.skipBytes(8); // magic, minor and major version
        int count = in.readUnsignedShort();
        List<String> texts = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> texts.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // a long or double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return texts;
    }

    private static Set<String> uses(String pkg) {
        return uses.getOrDefault(pkg, Set.of());
    }

    @Test
    void noPackageCycle() {
        assertEquals(List.of(), cycles(), "cycles among " + uses);
    }

    @Test
    void theApiAndTheSignerDependOnNothingOfOursButEachOther() {
        assertTrue(Set.of("signature").containsAll(uses("recording")), "recording uses " + uses("recording"));
        assertTrue(Set.of("recording").containsAll(uses("signature")), "signature uses " + uses("signature"));
        assertTrue(Set.of("signature").containsAll(uses("sender")), "sender uses " + uses("sender"));
    }

    @Test
    void nothingDependsOnTheWebLayer() {
        Map<String, Set<String>> wrong = new TreeMap<>();
        uses.forEach((pkg, used) -> used.stream().filter(u -> u.equals("web") || u.equals("console"))
                .forEach(u -> wrong.computeIfAbsent(pkg, p -> new TreeSet<>()).add(u)));
        assertEquals(Map.of(), wrong, "dependencies on web or console");
    }

    /** The strongly connected components of more than one package (Tarjan). */
    private static List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        int[] next = {0};
        for (String pkg : uses.keySet()) {
            if (!index.containsKey(pkg)) {
                connect(pkg, index, low, stack, onStack, found, next);
            }
        }
        return found;
    }

    private static void connect(String pkg, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, List<Set<String>> found, int[] next) {
        index.put(pkg, next[0]);
        low.put(pkg, next[0]++);
        stack.push(pkg);
        onStack.add(pkg);
        for (String used : uses(pkg)) {
            if (!index.containsKey(used)) {
                connect(used, index, low, stack, onStack, found, next);
                low.put(pkg, Math.min(low.get(pkg), low.get(used)));
            } else if (onStack.contains(used)) {
                low.put(pkg, Math.min(low.get(pkg), index.get(used)));
            }
        }
        if (low.get(pkg).equals(index.get(pkg))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(pkg));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
