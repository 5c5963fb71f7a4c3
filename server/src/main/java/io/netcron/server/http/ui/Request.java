package io.netcron.server.http.ui;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;

/** A dashboard request's query parameters, form fields (bounded) and cookies; a missing value reads as "". */
record Request(Map<String, String> query, Map<String, String> form, Map<String, String> cookies)
{
    static final int MAX_FORM_BYTES = 64 * 1024;

    static Request read(HttpExchange exchange)
            throws IOException
    {
        Map<String, String> form = Map.of();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (exchange.getRequestMethod().equals("POST") && type != null && type.startsWith("application/x-www-form-urlencoded")) {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readNBytes(MAX_FORM_BYTES + 1);
                if (bytes.length > MAX_FORM_BYTES) {
                    throw new IOException("form larger than " + MAX_FORM_BYTES + " bytes");
                }
                form = parse(new String(bytes, UTF_8));
            }
        }
        Map<String, String> cookies = new HashMap<>();
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    cookies.putIfAbsent(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
                }
            }
        }
        return new Request(parse(exchange.getRequestURI().getRawQuery()), form, cookies);
    }

    String query(String name)
    {
        return query.getOrDefault(name, "");
    }

    String form(String name)
    {
        return form.getOrDefault(name, "");
    }

    String cookie(String name)
    {
        return cookies.get(name);
    }

    private static Map<String, String> parse(String encoded)
    {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }
}
