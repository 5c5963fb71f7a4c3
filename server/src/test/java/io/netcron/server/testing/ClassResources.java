package io.netcron.server.testing;

import io.netcron.server.db.Database;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The JUnit extension behind {@link ClassDatabase} and {@link CloseAfterAll}: the annotations
 * register it, a test class does not name it.
 */
final class ClassResources
        implements BeforeAllCallback, AfterAllCallback
{
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClassResources.class);

    @Override
    public void beforeAll(ExtensionContext context)
    {
        Class<?> testClass = context.getRequiredTestClass();
        List<Field> databaseFields = staticFields(testClass, ClassDatabase.class);
        List<Field> closeFields = staticFields(testClass, CloseAfterAll.class);
        for (Field field : databaseFields) {
            if (field.getType() != TestDatabase.class && field.getType() != Database.class) {
                throw new ExtensionConfigurationException("@ClassDatabase field " + describe(field) + " must be a TestDatabase or a Database");
            }
        }
        for (Field field : closeFields) {
            if (!AutoCloseable.class.isAssignableFrom(field.getType())) {
                throw new ExtensionConfigurationException("@CloseAfterAll field " + describe(field) + " must be AutoCloseable");
            }
        }
        Optional<TestDatabase> database = databaseFields.isEmpty() ? Optional.empty() : Optional.of(TestDatabase.create(testClass));
        // stored before anything else can fail, so the database is dropped whatever happens next
        context.getStore(NAMESPACE).put(testClass, new Opened(databaseFields, closeFields, database));
        if (database.isEmpty()) {
            return;
        }
        boolean migrated = databaseFields.stream().anyMatch(field -> field.getType() == Database.class || field.getAnnotation(ClassDatabase.class).migrated());
        Optional<Database> pool = migrated ? Optional.of(database.get().migratedPool()) : Optional.empty();
        for (Field field : databaseFields) {
            write(field, field.getType() == Database.class ? pool.orElseThrow() : database.get());
        }
    }

    @Override
    public void afterAll(ExtensionContext context)
            throws Exception
    {
        Opened opened = context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), Opened.class);
        if (opened != null) {
            opened.close();
        }
    }

    private static List<Field> staticFields(Class<?> testClass, Class<? extends Annotation> annotation)
    {
        // in declaration order, superclass first: JUnit's own field search orders them otherwise
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            hierarchy.addFirst(type);
        }
        List<Field> fields = hierarchy.stream()
                .flatMap(type -> Arrays.stream(type.getDeclaredFields()))
                .filter(field -> AnnotationSupport.isAnnotated(field, annotation))
                .toList();
        for (Field field : fields) {
            if (!ModifierSupport.isStatic(field) || ModifierSupport.isFinal(field)) {
                throw new ExtensionConfigurationException("@" + annotation.getSimpleName() + " field " + describe(field) + " must be static and not final: it lives as long as the class's tests");
            }
        }
        return fields;
    }

    private static String describe(Field field)
    {
        return field.getDeclaringClass().getSimpleName() + "." + field.getName();
    }

    private static Object read(Field field)
    {
        try {
            field.setAccessible(true);
            return field.get(null);
        }
        catch (IllegalAccessException e) {
            throw new ExtensionConfigurationException("cannot read " + describe(field), e);
        }
    }

    private static void write(Field field, Object value)
    {
        try {
            field.setAccessible(true);
            field.set(null, value);
        }
        catch (IllegalAccessException e) {
            throw new ExtensionConfigurationException("cannot set " + describe(field), e);
        }
    }

    /**
     * What a class opened: closed after its {@code @AfterAll} methods, or by JUnit's store when the
     * class ends some other way. Closing empties the fields, so a class that runs again starts from null.
     */
    private record Opened(List<Field> databaseFields, List<Field> closeFields, Optional<TestDatabase> database)
            implements AutoCloseable
    {
        Opened
        {
            databaseFields = List.copyOf(databaseFields);
            closeFields = List.copyOf(closeFields);
            requireNonNull(database, "database is null");
        }

        @Override
        public void close()
                throws Exception
        {
            List<Exception> failures = new ArrayList<>();
            for (Field field : closeFields.reversed()) {
                Object value = read(field);
                write(field, null);
                if (value != null) {
                    try {
                        ((AutoCloseable) value).close();
                    }
                    catch (Exception e) {
                        failures.add(e);
                    }
                }
            }
            databaseFields.forEach(field -> write(field, null));
            try {
                database.ifPresent(TestDatabase::close);
            }
            catch (RuntimeException e) {
                failures.add(e);
            }
            if (!failures.isEmpty()) {
                Exception first = failures.getFirst();
                failures.subList(1, failures.size()).forEach(first::addSuppressed);
                throw first;
            }
        }
    }
}
