package io.netcron.server.errors;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorsTest
{
    @Test
    void firstLineKeepsOnlyTheFirstLineOfTheExceptionsOwnMessage()
    {
        SQLException error = new SQLException("ERROR: relation \"netcron.job\" does not exist\n  Position: 15", new IOException("deeper"));

        assertThat(Errors.firstLine(error)).isEqualTo("ERROR: relation \"netcron.job\" does not exist");
    }

    @Test
    void firstLineOfAnExceptionWithoutAMessageIsItsClassName()
    {
        assertThat(Errors.firstLine(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(Errors.firstLine(new IllegalStateException(" "))).isEqualTo("IllegalStateException");
    }

    @Test
    void oneLineTakesTheDeepestMessageOfTheChain()
    {
        RuntimeException error = new RuntimeException("wrapper", new IOException("Connection refused\nat somewhere"));

        assertThat(Errors.oneLine(error)).isEqualTo("Connection refused");
        assertThat(Errors.oneLine(new RuntimeException((String) null))).isEqualTo("RuntimeException");
    }
}
