package io.netcron.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enum stored in the database as text: the constant's name in lower case ({@code CATCH_UP} is
 * {@code 'catch_up'}), the form the tables' check constraints accept. The server's {@code Handle}
 * binds such a constant as its {@link #sqlName()}.
 */
public interface SqlEnum
{
    /** The constant's name (implemented by every enum). */
    String name();

    default String sqlName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant stored as {@code value}; {@link IllegalArgumentException} naming the known values otherwise. */
    static <E extends Enum<E> & SqlEnum> E fromSqlName(Class<E> type, String value)
    {
        return find(type, value).orElseThrow(() -> new IllegalArgumentException("'" + value + "' is not a " + type.getSimpleName() + " (known: "
                + Arrays.stream(type.getEnumConstants()).map(SqlEnum::sqlName).collect(Collectors.joining(", ")) + ")"));
    }

    static <E extends Enum<E> & SqlEnum> Optional<E> find(Class<E> type, String value)
    {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.sqlName().equals(value)).findFirst();
    }
}
