package io.github.gmecallback.sender;

import java.net.URI;
import java.nio.file.Path;

/**
 * The sender's command line.
 *
 * @param url     the endpoint
 * @param type    the sample's {@code EventType} (1 to 3), or 0 with {@code body}
 * @param body    a file to send exactly, or {@code null} for a sample
 * @param taskId  the sample's {@code TaskID}, or {@code null} for a fresh one
 * @param bizId   the sample's {@code BizID}
 * @param userId  the sample's {@code UserID}
 * @param hex     whether to sign in hex
 * @param keyFile where the key is, or {@code null}
 * @param key     the key given on the command line, or {@code null}
 */
record SenderOptions(URI url, int type, Path body, Long taskId, long bizId, String userId, boolean hex, Path keyFile,
        String key) {

    static SenderOptions parse(String[] args) {
        URI url = null;
        int type = 0;
        Path body = null;
        Long taskId = null;
        long bizId = 1400000000L;
        String userId = "999";
        boolean hex = false;
        Path keyFile = null;
        String key = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--hex")) {
                hex = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value"
                        : "unexpected argument " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--url" -> url = url(value);
                case "--type" -> type = type(value);
                case "--body" -> body = Path.of(value);
                case "--task-id" -> taskId = number(option, value);
                case "--biz-id" -> bizId = number(option, value);
                case "--user-id" -> userId = value;
                case "--key-file" -> keyFile = Path.of(value);
                case "--key" -> key = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
        if ((type == 0) == (body == null)) {
            throw new IllegalArgumentException("give either --type or --body");
        }
        return new SenderOptions(url, type, body, taskId, bizId, userId, hex, keyFile, key);
    }

    private static URI url(String value) {
        try {
            URI url = URI.create(value);
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("--url must be an http or https URL, not " + value);
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url must be an http or https URL, not " + value);
        }
    }

    private static int type(String value) {
        return switch (value) {
            case "recording-started", "1" -> 1;
            case "recording-completed", "2" -> 2;
            case "upload-completed", "3" -> 3;
            default -> throw new IllegalArgumentException(
                    "--type must be recording-started, recording-completed or upload-completed, not " + value);
        };
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, not " + value);
        }
    }
}
