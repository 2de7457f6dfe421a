package io.modelaudit.operator.sandbox.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One reason an API server refuses an object, shaped as Kubernetes' {@code field.Error}: a cause
 * type, the field's path ({@code spec.alarms[0].period}), the bad value and a detail. {@link
 * #body()} renders it as the API server does in a Status cause's message, so kubectl prints {@code
 * spec.logGroup.class: Unsupported value: "COLD": supported values: ...}.
 *
 * @param value the bad value: a String, Long, Double, Boolean, a JSON-able structure, null, or
 *     {@link #OMITTED} when the message leaves it out (objects and lists)
 */
public record FieldError(Type type, String field, Object value, String detail) {

  /** The value of an object or list, which Kubernetes leaves out of the message. */
  public static final Object OMITTED =
      new Object() {
        @Override
        public String toString() {
          return "<omitted>";
        }
      };

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Kubernetes' field error types: the cause's {@code reason} and the words kubectl prints. */
  public enum Type {
    NOT_FOUND("FieldValueNotFound", "Not found"),
    REQUIRED("FieldValueRequired", "Required value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    INTERNAL("InternalError", "Internal error"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value");

    private final String cause;
    private final String words;

    Type(String cause, String words) {
      this.cause = cause;
      this.words = words;
    }

    /** The StatusCause's {@code reason}, e.g. {@code FieldValueNotSupported}. */
    public String cause() {
      return cause;
    }

    /** Whether Kubernetes skips the CEL rules after such a schema error ("blocking" errors). */
    boolean blocksCel() {
      return this == NOT_SUPPORTED
          || this == REQUIRED
          || this == TOO_LONG
          || this == TOO_MANY
          || this == TYPE_INVALID;
    }
  }

  public static FieldError required(String field) {
    return new FieldError(Type.REQUIRED, field, "", "");
  }

  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(Type.INVALID, field, value, detail);
  }

  public static FieldError typeInvalid(String field, Object value, String detail) {
    return new FieldError(Type.TYPE_INVALID, field, value, detail);
  }

  public static FieldError notSupported(String field, Object value, List<String> allowed) {
    String detail =
        allowed.isEmpty()
            ? ""
            : "supported values: "
                + allowed.stream().map(FieldError::quote).collect(Collectors.joining(", "));
    return new FieldError(Type.NOT_SUPPORTED, field, value, detail);
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, "", detail);
  }

  public static FieldError tooLong(String field, long max) {
    String detail =
        max >= 0
            ? "may not be more than " + max + (max == 1 ? " byte" : " bytes")
            : "value is too long";
    return new FieldError(Type.TOO_LONG, field, "<value omitted>", detail);
  }

  public static FieldError tooMany(String field, long actual, long max) {
    String detail =
        max >= 0
            ? "must have at most " + max + (max == 1 ? " item" : " items")
            : "has too many items";
    return new FieldError(Type.TOO_MANY, field, actual >= 0 ? actual : OMITTED, detail);
  }

  /**
   * The message of a Status cause, e.g. {@code Unsupported value: "COLD": supported values: ...}.
   */
  public String body() {
    String s =
        switch (type) {
          case REQUIRED, FORBIDDEN, TOO_LONG, INTERNAL -> type.words;
          default -> value == OMITTED ? type.words : type.words + ": " + render(value);
        };
    return detail == null || detail.isEmpty() ? s : s + ": " + detail;
  }

  /** As Kubernetes prints a field error: {@code spec.region: Invalid value: ...}. */
  @Override
  public String toString() {
    return field + ": " + body();
  }

  private static String render(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Double d) {
      return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e21
          ? Long.toString(d.longValue())
          : d.toString();
    }
    if (value instanceof String s) {
      return quote(s);
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  /** A double-quoted string with Go's escapes for quotes, backslashes and control characters. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
