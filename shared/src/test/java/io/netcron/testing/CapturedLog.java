package io.netcron.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Log lines of one logger, captured for a test. */
public final class CapturedLog
        implements AutoCloseable
{
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog(Class<?> type)
    {
        this.logger = (Logger) LoggerFactory.getLogger(type);
        appender.start();
        logger.addAppender(appender);
    }

    public static CapturedLog of(Class<?> type)
    {
        return new CapturedLog(type);
    }

    public List<String> messages()
    {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close()
    {
        logger.detachAppender(appender);
    }
}
