package io.modelaudit.operator.moto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Test-only SDK interceptor that lets the real CloudWatch client talk to moto.
 *
 * <p>Why it exists: the AWS SDK for Java v2 speaks Smithy RPC v2 CBOR to CloudWatch ({@code POST
 * /service/GraniteServiceVersion20100801/operation/Op}, {@code application/cbor}), while moto only
 * understands CloudWatch's older AWS JSON 1.0 protocol ({@code POST /} with {@code X-Amz-Target:
 * GraniteServiceVersion20100801.Op}). Both carry the same shapes, so this interceptor rewrites each
 * CBOR request into its JSON 1.0 twin before it is signed and sent, and turns moto's JSON answer
 * (success or error, status kept) back into the CBOR answer the SDK expects. Numbers under
 * timestamp fields leave as CBOR tag-1 epoch seconds, the form real CloudWatch uses; ISO-8601
 * strings under such fields are converted to it, since the SDK's CBOR reader takes no ISO strings.
 *
 * <p>It belongs to tests only: production talks CBOR to real CloudWatch and must never go through
 * it. Requests that are not RPC v2 CBOR (e.g. CloudWatch Logs' JSON 1.1) pass untouched.
 */
public final class CborJsonBridge implements ExecutionInterceptor {

  static final String CBOR = "application/cbor";
  static final String JSON_1_0 = "application/x-amz-json-1.0";

  /** The RPC v2 path: optional endpoint path, then /service/{service}/operation/{operation}. */
  private static final Pattern RPC_V2_PATH =
      Pattern.compile("^(.*?)/service/([^/]+)/operation/([^/]+)$");

  /** Field names whose values are timestamps in CloudWatch's shapes. */
  private static final Set<String> TIMESTAMP_SUFFIXES =
      Set.of("Timestamp", "Timestamps", "StartTime", "EndTime", "LastModified");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CBOR_MAPPER = new ObjectMapper(new CBORFactory());

  private static final ExecutionAttribute<byte[]> JSON_REQUEST =
      new ExecutionAttribute<>("modelaudit.CborJsonBridge.jsonRequest");
  private static final ExecutionAttribute<ConvertedResponse> CBOR_RESPONSE =
      new ExecutionAttribute<>("modelaudit.CborJsonBridge.cborResponse");

  /** A converted answer, remembered with the stream it came from (one per attempt). */
  private record ConvertedResponse(Object source, byte[] cbor) {}

  @Override
  public SdkHttpRequest modifyHttpRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    SdkHttpRequest request = context.httpRequest();
    Matcher rpc = RPC_V2_PATH.matcher(request.encodedPath());
    if (!isRpcV2Cbor(request) || !rpc.matches()) {
      return request;
    }
    byte[] json = jsonRequest(context, attributes);
    String basePath = rpc.group(1);
    return request.toBuilder()
        .encodedPath(basePath.isEmpty() ? "/" : basePath + "/")
        .putHeader("X-Amz-Target", rpc.group(2) + "." + rpc.group(3))
        .putHeader("Content-Type", JSON_1_0)
        .putHeader("Accept", JSON_1_0)
        .putHeader("Content-Length", Integer.toString(json.length))
        .removeHeader("smithy-protocol")
        .build();
  }

  @Override
  public Optional<RequestBody> modifyHttpContent(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    if (attributes.getAttribute(JSON_REQUEST) == null && !isRpcV2Cbor(context.httpRequest())) {
      return context.requestBody();
    }
    return Optional.of(RequestBody.fromBytes(jsonRequest(context, attributes)));
  }

  @Override
  public SdkHttpResponse modifyHttpResponse(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    if (attributes.getAttribute(JSON_REQUEST) == null) {
      return context.httpResponse();
    }
    byte[] cbor = cborResponse(context, attributes);
    return context.httpResponse().toBuilder()
        .putHeader("Content-Type", CBOR)
        .putHeader("smithy-protocol", "rpc-v2-cbor")
        .putHeader("Content-Length", Integer.toString(cbor.length))
        .build();
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    if (attributes.getAttribute(JSON_REQUEST) == null) {
      return context.responseBody();
    }
    return Optional.of(new ByteArrayInputStream(cborResponse(context, attributes)));
  }

  /** The request's JSON body, converted once per call whichever hook the SDK runs first. */
  private static byte[] jsonRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    byte[] json = attributes.getAttribute(JSON_REQUEST);
    if (json == null) {
      byte[] cbor =
          context
              .requestBody()
              .map(body -> readAll(body.contentStreamProvider().newStream()))
              .orElse(new byte[0]);
      json = cborToJson(cbor);
      attributes.putAttribute(JSON_REQUEST, json);
    }
    return json;
  }

  /** The answer's CBOR body, converted once per attempt whichever hook the SDK runs first. */
  private static byte[] cborResponse(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Object source = context.responseBody().orElse(null);
    ConvertedResponse converted = attributes.getAttribute(CBOR_RESPONSE);
    if (converted == null || converted.source() != source) {
      byte[] json = source == null ? new byte[0] : readAll((InputStream) source);
      converted = new ConvertedResponse(source, jsonToCbor(json));
      attributes.putAttribute(CBOR_RESPONSE, converted);
    }
    return converted.cbor();
  }

  // ---- conversions (package-private for the unit test) ----

  /** A CBOR document as JSON text; an empty body becomes {@code {}}. */
  static byte[] cborToJson(byte[] cbor) {
    if (cbor.length == 0) {
      return "{}".getBytes(StandardCharsets.UTF_8);
    }
    try {
      // Tag-1 timestamps read as plain epoch-second numbers, which is what JSON 1.0 sends.
      return JSON.writeValueAsBytes(CBOR_MAPPER.readTree(cbor));
    } catch (IOException e) {
      throw new UncheckedIOException("the SDK sent a body that is not CBOR", e);
    }
  }

  /**
   * A JSON answer as CBOR; an empty body becomes an empty map and a body that is not JSON (moto's
   * HTML error pages) becomes {@code {"message": text}} so the SDK can still read the error.
   */
  static byte[] jsonToCbor(byte[] json) {
    JsonNode tree;
    String text = new String(json, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      tree = JSON.createObjectNode();
    } else {
      try {
        tree = JSON.readTree(json);
      } catch (JsonProcessingException e) {
        tree = null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (tree == null || !tree.isObject()) {
        ObjectNode wrapped = JSON.createObjectNode();
        wrapped.put("message", text.strip());
        tree = wrapped;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator generator = ((CBORFactory) CBOR_MAPPER.getFactory()).createGenerator(out)) {
      write(generator, null, tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(CBORGenerator out, String field, JsonNode node) throws IOException {
    if (node.isObject()) {
      out.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        out.writeFieldName(member.getKey());
        write(out, member.getKey(), member.getValue());
      }
      out.writeEndObject();
    } else if (node.isArray()) {
      out.writeStartArray();
      for (JsonNode element : node) {
        // Elements inherit the field name, so a list of timestamps stays a list of timestamps.
        write(out, field, element);
      }
      out.writeEndArray();
    } else if (isTimestampField(field) && asEpochSeconds(node) != null) {
      out.writeTag(1);
      writeNumber(out, asEpochSeconds(node));
    } else if (node.isTextual()) {
      out.writeString(node.textValue());
    } else if (node.isBoolean()) {
      out.writeBoolean(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      if (node.canConvertToLong()) {
        out.writeNumber(node.longValue());
      } else {
        out.writeNumber(node.bigIntegerValue());
      }
    } else if (node.isNumber()) {
      out.writeNumber(node.doubleValue());
    } else if (node.isNull() || node.isMissingNode()) {
      out.writeNull();
    } else if (node.isBinary()) {
      out.writeBinary(node.binaryValue());
    } else {
      out.writeString(node.asText());
    }
  }

  private static void writeNumber(CBORGenerator out, BigDecimal seconds) throws IOException {
    if (seconds.scale() <= 0 || seconds.stripTrailingZeros().scale() <= 0) {
      out.writeNumber(seconds.longValue());
    } else {
      out.writeNumber(seconds.doubleValue());
    }
  }

  static boolean isTimestampField(String field) {
    return field != null && TIMESTAMP_SUFFIXES.stream().anyMatch(field::endsWith);
  }

  /** Epoch seconds of a number or an ISO-8601 string; null when the value is neither. */
  static BigDecimal asEpochSeconds(JsonNode value) {
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (!value.isTextual()) {
      return null;
    }
    try {
      Instant instant = OffsetDateTime.parse(value.textValue()).toInstant();
      return BigDecimal.valueOf(instant.getEpochSecond())
          .add(BigDecimal.valueOf(instant.getNano(), 9))
          .stripTrailingZeros();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Whether the SDK sent this request in RPC v2 CBOR, the only kind this bridge rewrites. */
  static boolean isRpcV2Cbor(SdkHttpRequest request) {
    boolean cbor =
        request
            .firstMatchingHeader("Content-Type")
            .map(t -> t.toLowerCase(Locale.ROOT).startsWith(CBOR))
            .orElse(false);
    return cbor && RPC_V2_PATH.matcher(request.encodedPath()).matches();
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
