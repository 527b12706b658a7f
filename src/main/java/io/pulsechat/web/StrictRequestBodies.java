package io.pulsechat.web;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

import io.pulsechat.shared.Unicode;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How REST request bodies are read, checked once for every field of every body: a string field must be a JSON
 * string (a number or boolean where a string is due is 400, not quietly turned into text), and must be well-formed
 * Unicode (a lone surrogate, e.g. the JSON escape {@code \ud800}, is 400). Both end as
 * {@code HttpMessageNotReadableException}, which {@link ApiProblems} answers with problem+json naming the field.
 * <p>
 * Only the HTTP message converter gets this mapper, built from the application's {@link JsonMapper}: that bean
 * stays as it is for everyone else (the WebSocket frames are read with {@code readTree}, which uses no String
 * deserializer anyway, and check their own text).
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestBodies {

    @Bean
    ServerHttpMessageConvertersCustomizer strictJsonRequestBodies(JsonMapper applicationMapper) {
        JsonMapper strict = strict(applicationMapper);
        return builder -> builder.configureMessageConvertersList(converters -> converters.replaceAll(
                converter -> converter instanceof JacksonJsonHttpMessageConverter ? new JacksonJsonHttpMessageConverter(strict) : converter));
    }

    static JsonMapper strict(JsonMapper mapper) {
        return mapper.rebuild()
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new SimpleModule("well-formed-strings").addDeserializer(String.class, new WellFormedStrings()))
                .build();
    }

    /** The standard String deserializer (with the coercion rules above), then the well-formedness check. */
    static final class WellFormedStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (value != null && !Unicode.isWellFormed(value)) {
                throw new MalformedText(parser);
            }
            return value;
        }
    }

    /** A string field holding a lone surrogate; carries no part of the text. */
    static final class MalformedText extends InvalidFormatException {

        MalformedText(JsonParser parser) {
            super(parser, "text is not well-formed Unicode (a lone surrogate)", null, String.class);
        }
    }
}
