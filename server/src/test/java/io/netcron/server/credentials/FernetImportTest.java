package io.netcron.server.credentials;

import io.netcron.credentials.Credential;
import io.netcron.credentials.CredentialException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Python framework's credential.ini: sections, Fernet-token values, a whole-file token. */
class FernetImportTest
{
    private static final String KEY = FernetTokens.newKey();

    @Test
    void sectionsBecomeCredentialsAndTokenValuesAreDecrypted()
    {
        String ini = """
                # credentials of the old cron scripts
                [ipam]
                token = %s

                [core-switches]
                Username = netops
                password: %s
                """.formatted(FernetTokens.encrypt(KEY, "ipam-secret"), FernetTokens.encrypt(KEY, "switch-secret"));

        List<Credential> credentials = FernetImport.read(ini, Fernet.Key.parse(KEY), "");

        assertThat(credentials).extracting(Credential::name).containsExactly("ipam", "core-switches");
        assertThat(credentials.get(0).token().reveal()).isEqualTo("ipam-secret");
        assertThat(credentials.get(1).username()).isEqualTo("netops");
        assertThat(credentials.get(1).password().reveal()).isEqualTo("switch-secret");
    }

    @Test
    void fileThatIsOneTokenIsDecryptedAsAWholeAndPrefixed()
    {
        String encryptedFile = FernetTokens.encrypt(KEY, "[splunk]\ntoken = hec-secret\n[DEFAULT]\nsite = lab\n");

        List<Credential> credentials = FernetImport.read(encryptedFile + "\n", Fernet.Key.parse(KEY), "legacy-");

        assertThat(credentials).singleElement().satisfies(credential -> {
            assertThat(credential.name()).isEqualTo("legacy-splunk");
            assertThat(credential.token().reveal()).isEqualTo("hec-secret");
            assertThat(credential.require("site").reveal()).isEqualTo("lab");
        });
    }

    @Test
    void wrongKeyNamesTheSectionAndFieldButNotTheValue()
    {
        String token = FernetTokens.encrypt(KEY, "ipam-secret");

        assertThatThrownBy(() -> FernetImport.read("[ipam]\ntoken = " + token + "\n", Fernet.Key.parse(FernetTokens.newKey()), ""))
                .isInstanceOf(CredentialException.class)
                .hasMessage("[ipam] token: the Fernet token does not verify with this key: wrong key, or the token was altered");
    }

    @Test
    void lineOutsideASectionIsRefusedWithoutShowingIt()
    {
        assertThatThrownBy(() -> FernetImport.read("password-without-section\n", Fernet.Key.parse(KEY), ""))
                .isInstanceOf(CredentialException.class)
                .hasMessage("line 1 of the credential file is neither a [section] nor key = value");
    }
}
