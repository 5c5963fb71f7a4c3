package io.netcron.testing;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** A self-signed certificate for 127.0.0.1/localhost, made with the JDK's keytool. */
public final class SelfSignedCertificate
{
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final KeyStore keyStore;
    private final X509Certificate certificate;
    private final Path pemFile;

    private SelfSignedCertificate(KeyStore keyStore, X509Certificate certificate, Path pemFile)
    {
        this.keyStore = keyStore;
        this.certificate = certificate;
        this.pemFile = pemFile;
    }

    /** {@code CN=localhost}, valid for two days, stored as {@code server.p12}/{@code server.pem}. */
    public static SelfSignedCertificate create(Path directory)
            throws Exception
    {
        return create(directory, "server", "localhost", 2);
    }

    /** {@code CN=name}, valid for {@code validityDays}, stored as {@code name.p12}/{@code name.pem}. */
    public static SelfSignedCertificate create(Path directory, String name, int validityDays)
            throws Exception
    {
        return create(directory, name, name, validityDays);
    }

    private static SelfSignedCertificate create(Path directory, String fileName, String commonName, int validityDays)
            throws Exception
    {
        Path store = directory.resolve(fileName + ".p12");
        Path pem = directory.resolve(fileName + ".pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + commonName, "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "bc=ca:true", "-validity", Integer.toString(validityDays),
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        X509Certificate certificate = (X509Certificate) keyStore.getCertificate("server");
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded());
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
        return new SelfSignedCertificate(keyStore, certificate, pem);
    }

    private static void run(List<String> command)
            throws IOException, InterruptedException
    {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    public SSLContext serverContext()
            throws Exception
    {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    /** As {@code openssl x509 -noout -fingerprint -sha256} prints it. */
    public String opensslFingerprint()
            throws Exception
    {
        return "sha256 Fingerprint=" + HexFormat.ofDelimiter(":").formatHex(digest()).toUpperCase(Locale.ROOT);
    }

    /** SHA-256 of the DER encoding in lower-case hex, as a TLS pin is written. */
    public String fingerprint()
            throws Exception
    {
        return HexFormat.of().formatHex(digest());
    }

    public String base64Fingerprint()
            throws Exception
    {
        return Base64.getEncoder().encodeToString(digest());
    }

    private byte[] digest()
            throws Exception
    {
        return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    }

    public Path pemFile()
    {
        return pemFile;
    }
}
