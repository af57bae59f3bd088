package oomlab.controller.format;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.regex.JoniRegularExpressionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * kcidb-io's JSON schema, for validating KCIDB reports with a real validator (networknt's, Draft 7
 * as kcidb-io validates). kcidb-io ships its schema only inside its Python package on PyPI, which
 * this project's machines cannot reach (no Debian or npm package carries it), and its text may not
 * be copied into the project: the test reads a schema exported from kcidb-io
 * ({@code kcidb_io.schema.LATEST.json}, see its README) from {@code OOMLAB_KCIDB_SCHEMA}, and aborts
 * without one, naming what to do.
 */
final class KcidbSchema {
  static final String ENV = "OOMLAB_KCIDB_SCHEMA";

  private KcidbSchema() {}

  static JsonSchema load() throws Exception {
    String file = System.getenv(ENV);
    Assumptions.assumeTrue(file != null && Files.isRegularFile(Path.of(file)),
        "kcidb-io's JSON schema is not available: it ships only in the kcidb-io Python package (PyPI, not reachable here);"
            + " export it with kcidb-io's README snippet and set " + ENV + "=FILE");
    String text = Files.readString(Path.of(file));
    // JSON Schema patterns are ECMA 262 regular expressions, which joni implements (java.util.regex differs).
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().regularExpressionFactory(JoniRegularExpressionFactory.getInstance())
        .formatAssertionsEnabled(true).build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(text, config);
  }

  /** The validator's messages for a report, none when it conforms. */
  static List<String> errors(JsonSchema schema, String report) {
    return schema.validate(report, InputFormat.JSON).stream().map(e -> e.getMessage()).toList();
  }
}
