package io.github.gmecallback;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** A logger of its own whose records a test reads; nothing reaches the console. */
public final class CapturedLog extends Handler {

    private final List<LogRecord> records = new ArrayList<>();
    private final Logger logger = Logger.getAnonymousLogger();

    public CapturedLog() {
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    /** The logger to hand the code under test. */
    public Logger logger() {
        return logger;
    }

    /** What was logged, oldest first. */
    public List<LogRecord> records() {
        return records;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
