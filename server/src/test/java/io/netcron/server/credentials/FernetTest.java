package io.netcron.server.credentials;

import io.netcron.credentials.CredentialException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fernet decoding against the specification's published test vectors: https://github.com/fernet/spec
 * ({@code generate.json}, {@code verify.json}, {@code invalid.json} at commit 20dead4), values copied here.
 */
class FernetTest
{
    private static final String SECRET = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    private static final String HELLO_TOKEN = "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";
    private static final Optional<Duration> TTL = Optional.of(Duration.ofSeconds(60));

    @Test
    void verifyVectorDecryptsToHello()
    {
        byte[] plaintext = Fernet.decrypt(HELLO_TOKEN, Fernet.Key.parse(SECRET), TTL, OffsetDateTime.parse("1985-10-26T01:20:01-07:00").toInstant());

        assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void generateVectorIsReproducedByTheTestEncoder()
    {
        byte[] iv = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

        String token = FernetTokens.encrypt(SECRET, "hello".getBytes(StandardCharsets.UTF_8), iv, OffsetDateTime.parse("1985-10-26T01:20:00-07:00").toInstant());

        assertThat(token).isEqualTo(HELLO_TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            incorrect mac | gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykQUFBQUFBQUFBQQ== | 1985-10-26T01:20:01-07:00 | does not verify
            too short | gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPA== | 1985-10-26T01:20:01-07:00 | wrong length
            invalid base64 | %%%%%%%%%%%%%AECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykRtfsH-p1YsUD2Q== | 1985-10-26T01:20:01-07:00 | base64
            payload size not multiple of block size | gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPOm73QeoCk9uGib28Xe5vz6oxq5nmxbx_v7mrfyudzUm | 1985-10-26T01:20:01-07:00 | wrong length
            payload padding error | gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0ODz4LEpdELGQAad7aNEHbf-JkLPIpuiYRLQ3RtXatOYREu2FWke6CnJNYIbkuKNqOhw== | 1985-10-26T01:20:01-07:00 | padding
            far-future TS (unacceptable clock skew) | gAAAAAAdwStRAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAnja1xKYyhd-Y6mSkTOyTGJmw2Xc2a6kBd-iX9b_qXQcw== | 1985-10-26T01:20:01-07:00 | future
            expired TTL | gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykRtfsH-p1YsUD2Q== | 1985-10-26T01:21:31-07:00 | expired
            incorrect IV (causes padding error) | gAAAAAAdwJ6xBQECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAkLhFLHpGtDBRLRTZeUfWgHSv49TF2AUEZ1TIvcZjK1zQ== | 1985-10-26T01:20:01-07:00 | padding
            """)
    void invalidVectorIsRefusedWithItsReason(String description, String token, String now, String reason)
    {
        assertThatThrownBy(() -> Fernet.decrypt(token, Fernet.Key.parse(SECRET), TTL, OffsetDateTime.parse(now).toInstant()))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void anotherKeyDoesNotVerify()
    {
        assertThatThrownBy(() -> Fernet.decrypt(HELLO_TOKEN, Fernet.Key.parse(FernetTokens.newKey())))
                .isInstanceOf(CredentialException.class)
                .hasMessage("the Fernet token does not verify with this key: wrong key, or the token was altered");
    }

    @Test
    void withoutTimeToLiveAnOldTokenStillDecrypts()
    {
        assertThat(Fernet.decrypt(HELLO_TOKEN, Fernet.Key.parse(SECRET))).asString(StandardCharsets.UTF_8).isEqualTo("hello");
    }

    @Test
    void keyOfTheWrongLengthIsRefused()
    {
        assertThatThrownBy(() -> Fernet.Key.parse("c2hvcnQ="))
                .isInstanceOf(CredentialException.class)
                .hasMessageContaining("must be 32 bytes");
    }

    @Test
    void recognizesTokensButNotPlainValues()
    {
        assertThat(Fernet.looksLikeToken(HELLO_TOKEN)).isTrue();
        assertThat(Fernet.looksLikeToken("admin")).isFalse();
        assertThat(Fernet.looksLikeToken("gAAAAAshort")).isFalse();
    }
}
