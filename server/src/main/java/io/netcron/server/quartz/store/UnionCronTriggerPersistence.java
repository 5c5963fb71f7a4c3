package io.netcron.server.quartz.store;

import io.netcron.server.schedule.QuartzCron;
import org.quartz.impl.jdbcjobstore.SimplePropertiesTriggerPersistenceDelegateSupport;
import org.quartz.impl.jdbcjobstore.SimplePropertiesTriggerProperties;
import org.quartz.spi.OperableTrigger;

import java.util.List;
import java.util.TimeZone;

/**
 * Stores a {@link UnionCronTrigger} through Quartz's extension point for custom trigger types
 * ({@code triggerPersistenceDelegateClasses}, set by {@link QuartzSchedulerFactory}): a row in
 * {@code qrtz_triggers} with type {@value #TYPE} and its two expressions and time zone in
 * {@code qrtz_simprop_triggers} (str_prop_1, str_prop_2, str_prop_3). The misfire instruction,
 * start and fire times stay in {@code qrtz_triggers} as for every trigger.
 */
public final class UnionCronTriggerPersistence
        extends SimplePropertiesTriggerPersistenceDelegateSupport
{
    /** {@code qrtz_triggers.trigger_type} is varchar(8). */
    public static final String TYPE = "CRON_OR";

    @Override
    public boolean canHandleTriggerType(OperableTrigger trigger)
    {
        return trigger instanceof UnionCronTrigger;
    }

    @Override
    public String getHandledTriggerTypeDiscriminator()
    {
        return TYPE;
    }

    @Override
    protected SimplePropertiesTriggerProperties getTriggerProperties(OperableTrigger trigger)
    {
        UnionCronTrigger union = (UnionCronTrigger) trigger;
        SimplePropertiesTriggerProperties properties = new SimplePropertiesTriggerProperties();
        properties.setString1(union.schedule().expressions().get(0));
        properties.setString2(union.schedule().expressions().get(1));
        properties.setString3(union.getTimeZone().getID());
        return properties;
    }

    @Override
    protected TriggerPropertyBundle getTriggerPropertyBundle(SimplePropertiesTriggerProperties properties)
    {
        QuartzCron cron = new QuartzCron(List.of(properties.getString1(), properties.getString2()));
        TimeZone zone = TimeZone.getTimeZone(properties.getString3() == null ? "UTC" : properties.getString3());
        // Quartz sets the stored misfire instruction on the built trigger afterwards
        return new TriggerPropertyBundle(new UnionCronTrigger.Builder(cron, zone, UnionCronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING), null, null);
    }
}
