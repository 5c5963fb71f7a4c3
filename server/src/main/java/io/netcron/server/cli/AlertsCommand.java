package io.netcron.server.cli;

import io.netcron.server.errors.Errors;
import io.netcron.server.errors.UserException;

import io.netcron.credentials.Credentials;
import io.netcron.http.SharedHttpClient;
import io.netcron.job.Deadline;
import io.netcron.server.alerts.Alert;
import io.netcron.server.alerts.AlertDeliveryException;
import io.netcron.server.alerts.AlertEvent;
import io.netcron.server.alerts.AlertRoute;
import io.netcron.server.alerts.AlertRoutes;
import io.netcron.server.alerts.AlertSenders;
import io.netcron.server.alerts.EmailSender;
import io.netcron.server.alerts.WebhookPoster;
import io.netcron.server.config.NetcronConfig;
import io.netcron.server.db.DatabaseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code netcron alerts list|add|remove|test}: the routes in {@code netcron.alert_route}, editable by SQL as well. */
@Command(name = "alerts", description = "Alert routes: which events of which jobs go to which webhook, Slack, Teams or e-mail target.",
        subcommands = {AlertsCommand.ListRoutes.class, AlertsCommand.Add.class, AlertsCommand.Remove.class, AlertsCommand.Test.class})
public final class AlertsCommand
{
    @Command(name = "list", description = "The routes, with their deliveries of the last day.")
    public static final class ListRoutes
            implements Callable<Integer>
    {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call()
        {
            try (CliDatabase database = CliDatabase.open(options.load())) {
                List<AlertRoute> routes = new AlertRoutes(database.database()).list();
                if (routes.isEmpty()) {
                    System.out.println("No alert routes: add one with 'netcron alerts add --job '*' --channel slack --credential slack-ops'.");
                    return 0;
                }
                Map<Long, String> deliveries = database.database().query("""
                                SELECT route_id, string_agg(state || ' ' || n, ', ' ORDER BY state) AS summary
                                FROM (SELECT route_id, state, count(*) AS n FROM netcron.alert_outbox
                                      WHERE created_at > now() - interval '1 day' GROUP BY route_id, state) counts
                                GROUP BY route_id""",
                        row -> Map.entry(row.getLong("route_id"), row.getString("summary"))).stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                List<String> lastErrors = database.database().query("""
                                SELECT DISTINCT ON (route_id) route_id, last_error FROM netcron.alert_outbox
                                WHERE state IN ('failed', 'pending') AND last_error IS NOT NULL ORDER BY route_id, id DESC""",
                        row -> "route " + row.getLong("route_id") + ": " + row.getString("last_error"));
                Table table = new Table("ID", "JOB", "CATEGORY", "EVENTS", "CHANNEL", "TARGET", "ENABLED", "LAST DAY");
                for (AlertRoute route : routes) {
                    table.add(route.id(), route.job(), route.category().orElse(null), route.events().map(events -> String.join(",", events)).orElse("all"),
                            route.channel().sqlName(), route.describeTarget(), route.enabled() ? "yes" : "no", deliveries.get(route.id()));
                }
                table.print(System.out);
                if (!lastErrors.isEmpty()) {
                    System.out.println();
                    System.out.println("Undelivered (see netcron.alert_outbox):");
                    lastErrors.forEach(line -> System.out.println("  " + line));
                }
            }
            return 0;
        }
    }

    @Command(name = "add", description = "Add a route. A job's own routes replace the default ('*') routes for that job.")
    public static final class Add
            implements Callable<Integer>
    {
        @Mixin
        ConfigOptions options;

        @Option(names = "--job", defaultValue = "*", description = "A job name, or '*' for the default route (default: ${DEFAULT-VALUE})")
        String job;

        @Option(names = "--category", description = "Only jobs of this category (with --job '*')")
        String category;

        @Option(names = "--events", split = ",", description = "Event types (default all): failed, timed_out, missed, skipped, long_run, node_lost, schedule_error, recovered, schedule_ok")
        List<String> events;

        @Option(names = "--channel", required = true, description = "webhook, slack, teams or email")
        String channel;

        @Option(names = "--target", description = "The webhook URL (if it holds no token) or the e-mail address(es)")
        String target;

        @Option(names = "--credential", description = "A stored credential whose 'url' field is the webhook URL (and optional 'token' field a bearer token)")
        String credential;

        @Override
        public Integer call()
        {
            AlertRoute.Channel parsed = Arrays.stream(AlertRoute.Channel.values()).filter(value -> value.sqlName().equals(channel.toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new UserException("--channel must be webhook, slack, teams or email, got '" + channel + "'"));
            Optional<List<String>> eventList = Optional.ofNullable(events).map(list -> list.stream().map(String::strip).toList());
            eventList.ifPresent(list -> list.forEach(event -> {
                if (AlertEvent.fromSqlName(event).isEmpty()) {
                    throw new UserException("unknown event type '" + event + "'; known: "
                            + Arrays.stream(AlertEvent.values()).map(AlertEvent::sqlName).collect(Collectors.joining(", ")));
                }
            }));
            if (target == null && credential == null) {
                throw new UserException("give --target (URL or address) or --credential (a stored credential with the URL)");
            }
            if (target != null && parsed != AlertRoute.Channel.EMAIL && target.matches("(?i)https?://[^/]*/.*(services|webhook|token|key|sig).*")) {
                System.err.println("Note: this URL looks like it holds a token; store it with 'netcron credentials set NAME' (field url) and use --credential NAME.");
            }
            try (CliDatabase database = CliDatabase.open(options.load())) {
                AlertRoute route = new AlertRoutes(database.database()).add(job, Optional.ofNullable(category), eventList, parsed,
                        Optional.ofNullable(target), Optional.ofNullable(credential));
                System.out.println("Added route " + route.id() + ": " + (route.job().equals("*") ? "default" : "job " + route.job())
                        + route.category().map(value -> " (category " + value + ")").orElse("") + ", "
                        + route.events().map(list -> String.join(",", list)).orElse("all events") + " -> " + route.channel().sqlName() + " " + route.describeTarget()
                        + ". Try it with 'netcron alerts test " + route.id() + "'.");
            }
            catch (DatabaseException e) {
                throw new UserException(firstLine(e));
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a route (its queued alerts go with it).")
    public static final class Remove
            implements Callable<Integer>
    {
        @Mixin
        ConfigOptions options;

        @Parameters(index = "0", paramLabel = "ID", description = "As shown by 'netcron alerts list'")
        long id;

        @Override
        public Integer call()
        {
            try (CliDatabase database = CliDatabase.open(options.load())) {
                if (!new AlertRoutes(database.database()).remove(id)) {
                    throw new UserException("no alert route " + id + " (see 'netcron alerts list')");
                }
                System.out.println("Removed route " + id + ".");
            }
            return 0;
        }
    }

    @Command(name = "test", description = "Send a test alert through a route now, from this process.")
    public static final class Test
            implements Callable<Integer>
    {
        @Mixin
        ConfigOptions options;

        @Parameters(index = "0", paramLabel = "ID", description = "As shown by 'netcron alerts list'")
        long id;

        @Override
        public Integer call()
                throws Exception
        {
            NetcronConfig config = options.load();
            AlertRoute route;
            try (CliDatabase database = CliDatabase.open(config)) {
                route = new AlertRoutes(database.database()).find(id)
                        .orElseThrow(() -> new UserException("no alert route " + id + " (see 'netcron alerts list')"));
            }
            boolean needsStore = route.credential().isPresent() || (route.channel() == AlertRoute.Channel.EMAIL && config.alerts().smtpCredential().isPresent());
            try (CliCredentials store = needsStore ? CliCredentials.open(config) : null;
                    SharedHttpClient http = new SharedHttpClient(config.clients().httpClient().clientSettings())) {
                Credentials credentials = store == null ? Credentials.of(Map.of()) : store.store();
                AlertSenders senders = new AlertSenders(new WebhookPoster(http, credentials), new EmailSender(config.alerts(), credentials));
                senders.send(route, Alert.test(System.getProperty("user.name", "netcron")), Deadline.after(config.alerts().sendTimeout()));
            }
            catch (AlertDeliveryException e) {
                throw new UserException("test alert not delivered: " + e.getMessage());
            }
            System.out.println("Sent a test alert through route " + id + " (" + route.channel().sqlName() + " " + route.describeTarget() + ").");
            return 0;
        }
    }

    static String firstLine(DatabaseException e)
    {
        String message = Errors.firstLine(e).strip();
        return message.startsWith("ERROR: ") ? message.substring("ERROR: ".length()) : message;
    }
}
