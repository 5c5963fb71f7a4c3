package io.netcron.git;

import io.netcron.credentials.Credential;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemotesTest
{
    private static final String HTTPS = "https://git.example.net/configs.git";

    @Test
    void loginCredentialGivesUserAndPasswordForHttps()
            throws Exception
    {
        CredentialsProvider provider = Remotes.credentials(HTTPS, Optional.of(Credential.login("git", "bot", "pw"))).orElseThrow();

        assertThat(answers(provider)).containsExactly("bot", "pw");
    }

    @Test
    void tokenCredentialIsSentWithTheTokenUser()
            throws Exception
    {
        CredentialsProvider provider = Remotes.credentials(HTTPS, Optional.of(Credential.token("git", "tok"))).orElseThrow();

        assertThat(answers(provider)).containsExactly(Remotes.TOKEN_USER, "tok");
    }

    @Test
    void noCredentialNoProvider()
    {
        assertThat(Remotes.credentials(HTTPS, Optional.empty())).isEmpty();
    }

    @Test
    void plainHttpNeverGetsACredential()
    {
        assertThatThrownBy(() -> Remotes.credentials("http://git.example.net/configs.git", Optional.of(Credential.token("git", "tok"))))
                .isInstanceOf(GitException.class)
                .hasMessage("credential 'git' is only sent to https remotes, not to http://git.example.net/configs.git");
    }

    private static java.util.List<String> answers(CredentialsProvider provider)
            throws Exception
    {
        CredentialItem.Username user = new CredentialItem.Username();
        CredentialItem.Password password = new CredentialItem.Password();
        assertThat(provider.get(new URIish(HTTPS), user, password)).isTrue();
        return java.util.List.of(user.getValue(), new String(password.getValue()));
    }
}
