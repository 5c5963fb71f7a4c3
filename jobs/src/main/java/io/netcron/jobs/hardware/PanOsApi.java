package io.netcron.jobs.hardware;

import io.netcron.credentials.Credential;
import io.netcron.http.HttpAnswer;
import io.netcron.http.HttpCall;
import io.netcron.job.Deadline;
import io.netcron.target.Outcome;
import io.netcron.target.TargetException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Palo Alto PAN-OS XML API: {@code type=op} with {@code <show><system><info/></system></show>},
 * the key in {@code X-PAN-KEY}. The credential's {@code token} is the key; without one, a key is
 * generated from its login ({@code type=keygen}, user and password in the POST body, never the
 * URL). A firewall managed by Panorama is asked through Panorama with {@code target=<serial>}:
 * give {@code panorama_serial} in the device's {@code netcron} context and Panorama's address.
 */
final class PanOsApi
        implements FactsReader
{
    static final String CMD = "<show><system><info></info></system></show>";

    private final DeviceHttp http;

    PanOsApi(DeviceHttp http)
    {
        this.http = requireNonNull(http, "http is null");
    }

    @Override
    public HardwareFacts read(HwTarget target, Deadline deadline)
            throws TargetException
    {
        String key = key(target, deadline);
        String query = "/api/?type=op&cmd=" + URLEncoder.encode(CMD, UTF_8)
                + target.option("panorama_serial").map(serial -> "&target=" + URLEncoder.encode(serial, UTF_8)).orElse("");
        HttpCall call = http.call(target, "GET", query, null).withHeader("X-PAN-KEY", key);
        Element system = child(success(target, call, http.send(call, deadline)), "result", "system")
                .orElseThrow(() -> DeviceHttp.malformed(target, "PAN-OS answer has no result/system"));
        String serial = text(system, "serial");
        String model = text(system, "model");
        if (serial.isEmpty() && model.isEmpty()) {
            throw DeviceHttp.malformed(target, "PAN-OS system info has neither serial nor model");
        }
        return HardwareFacts.builder()
                .hostname(text(system, "hostname"))
                .fqdn(text(system, "hostname"))
                .vendor("Palo Alto Networks")
                .model(model)
                .serialNumber(serial)
                .osVersion(text(system, "sw-version"))
                .uptimeSeconds(Uptimes.parse(text(system, "uptime")))
                .extra("family", text(system, "family"))
                .extra("system_mac", text(system, "mac-address"))
                .extra("app_version", text(system, "app-version"))
                .extra("vm_license", text(system, "vm-license"))
                .build();
    }

    private String key(HwTarget target, Deadline deadline)
            throws TargetException
    {
        Credential credential = http.credential(target);
        Optional<String> stored = credential.field(Credential.TOKEN).map(secret -> secret.reveal());
        if (stored.isPresent()) {
            return stored.get();
        }
        DeviceHttp.Login login = DeviceHttp.login(target, credential);
        byte[] form = ("user=" + URLEncoder.encode(login.username(), UTF_8) + "&password=" + URLEncoder.encode(login.password(), UTF_8)).getBytes(UTF_8);
        HttpCall call = http.call(target, "POST", "/api/?type=keygen", form).withHeader("Content-Type", "application/x-www-form-urlencoded");
        HttpAnswer answer = http.exchange(call, deadline);
        if (answer.status() == 401 || answer.status() == 403) {
            throw new TargetException(Outcome.AUTH_FAILED, target.name() + ": PAN-OS refused the login of credential '" + credential.name() + "' (HTTP " + answer.status() + ")");
        }
        Document document = parse(target, answer);
        Element response = document.getDocumentElement();
        if (!"success".equals(response.getAttribute("status"))) {
            // PAN-OS answers a bad login with status="error" and code 403
            throw new TargetException(Outcome.AUTH_FAILED, target.name() + ": PAN-OS keygen refused the login of credential '" + credential.name() + "'");
        }
        return child(response, "result", "key").map(Node::getTextContent).map(String::strip).filter(text -> !text.isEmpty())
                .orElseThrow(() -> DeviceHttp.malformed(target, "PAN-OS keygen answer has no key"));
    }

    private static Element success(HwTarget target, HttpCall call, HttpAnswer answer)
            throws TargetException
    {
        Element response = parse(target, answer).getDocumentElement();
        if (!"response".equals(response.getTagName())) {
            throw DeviceHttp.malformed(target, "PAN-OS answer is not a <response>");
        }
        if (!"success".equals(response.getAttribute("status"))) {
            String code = response.getAttribute("code");
            Outcome outcome = "403".equals(code) || "16".equals(code) ? Outcome.AUTH_FAILED : Outcome.FAILED;
            throw new TargetException(outcome, target.name() + ": PAN-OS error" + (code.isEmpty() ? "" : " " + code) + " on " + call.describe()
                    + ": " + oneLine(response.getTextContent()));
        }
        return response;
    }

    static Document parse(HwTarget target, HttpAnswer answer)
            throws TargetException
    {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(answer.body()));
        }
        catch (SAXException | IOException e) {
            throw DeviceHttp.malformed(target, "malformed XML from PAN-OS: " + oneLine(e.getMessage()));
        }
        catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Element> child(Element parent, String... path)
    {
        Element current = parent;
        for (String name : path) {
            Element next = null;
            for (Node node = current.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals(name)) {
                    next = element;
                    break;
                }
            }
            if (next == null) {
                return Optional.empty();
            }
            current = next;
        }
        return Optional.of(current);
    }

    private static String text(Element parent, String name)
    {
        return child(parent, name).map(Node::getTextContent).map(String::strip).orElse("");
    }

    private static String oneLine(String text)
    {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
