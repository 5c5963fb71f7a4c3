package io.netcron.server.jmx;

import io.netcron.server.config.JmxConfig;
import io.netcron.server.config.Settings;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Remote JMX without TLS on an address others can reach is called out at start; Quartz's MBean is off unless asked for. */
class RemoteJmxWarningTest
{
    @Test
    void aRoutableOrWildcardAddressWithoutTlsIsWarnedAbout()
            throws Exception
    {
        assertThat(RemoteJmx.plainTextWarning(InetAddress.getByName("0.0.0.0"), false)).hasValueSatisfying(warning ->
                assertThat(warning).contains("INSECURE").contains("every address").contains("WITHOUT TLS"));
        assertThat(RemoteJmx.plainTextWarning(InetAddress.getByName("10.1.2.3"), false)).hasValueSatisfying(warning ->
                assertThat(warning).contains("10.1.2.3"));
    }

    @Test
    void loopbackOrTlsIsNotWarnedAbout()
            throws Exception
    {
        assertThat(RemoteJmx.plainTextWarning(InetAddress.getByName("127.0.0.1"), false)).isEmpty();
        assertThat(RemoteJmx.plainTextWarning(InetAddress.getByName("10.1.2.3"), true)).isEmpty();
    }

    @Test
    void quartzsOwnMBeanIsOffByDefault()
    {
        assertThat(JmxConfig.from(Settings.of(Map.of())).quartzMBean()).isFalse();
        assertThat(JmxConfig.from(Settings.of(Map.of("jmx.quartz-mbean", "true"))).quartzMBean()).isTrue();
    }
}
