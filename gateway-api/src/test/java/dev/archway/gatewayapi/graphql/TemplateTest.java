package dev.archway.gatewayapi.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void findsEveryKindOfValue() throws TemplateException {
        Template t = Template.parse("/u/{{ args.id }}/{{parent.org.id}}?k={{ keys }}&h={{ header('X-Trace') }}&c={{ claim(\"sub\") }}");
        assertThat(t.refs()).extracting(Template.Ref::text).containsExactly("args.id", "parent.org.id", "keys",
                "header('x-trace')", "claim('sub')");
    }

    @Test
    void rendersWithTheCallersEncodingAndLiteralTextUntouched() throws TemplateException {
        Template t = Template.parse("/users/{{ args.id }}/orders");
        String out = t.render(ref -> "a/b", v -> String.valueOf(v).replace("/", "%2F"), false);
        assertThat(out).isEqualTo("/users/a%2Fb/orders");
    }

    @Test
    void aMissingValueMakesTheResultNullUnlessNullsAreAllowed() throws TemplateException {
        Template t = Template.parse("{\"id\": {{ args.id }}}");
        assertThat(t.render(ref -> null, String::valueOf, false)).isNull();
        assertThat(t.render(ref -> null, String::valueOf, true)).isEqualTo("{\"id\": null}");
        assertThat(t.firstMissing(ref -> null).text()).isEqualTo("args.id");
    }

    @Test
    void problemsNameTheirColumn() {
        assertProblem("/users/{{ args.id", 8, "not closed");
        assertProblem("/users/args.id }}", 16, "without '{{'");
        assertProblem("/users/{{ argz.id }}", 11, "unknown value 'argz.id'");
        assertProblem("/users/{{ args }}", 11, "needs a field name");
        assertProblem("/x/{{ header(authorization) }}", 7, "one quoted name");
        assertProblem("/x/{{ }}", 6, "empty");
        assertProblem("/x/{{ args.a-b }}", 7, "not a field name");
    }

    @Test
    void aTemplateWithoutHolesIsItsText() throws TemplateException {
        Template t = Template.parse("/orders");
        assertThat(t.refs()).isEmpty();
        assertThat(t.render(ref -> { throw new AssertionError(); }, String::valueOf, false)).isEqualTo("/orders");
    }

    private static void assertProblem(String text, int column, String message) {
        assertThatThrownBy(() -> Template.parse(text)).isInstanceOf(TemplateException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((TemplateException) e).column()).as(text).isEqualTo(column));
    }

    @Test
    void schemaProblemsCarryLineAndColumn() {
        SchemaCheck check = SchemaCheck.of("type Query {\n  user(id: ID!): User\n}\n");
        assertThat(check.problems()).hasSize(1);
        assertThat(check.problems().get(0)).contains("User");
        assertThat(check.schema()).isNull();

        SchemaCheck good = SchemaCheck.of("type Query { user(id: ID!): User }\ntype User { id: ID! }");
        assertThat(good.problems()).isEmpty();
        assertThat(good.field("Query", "user").getArguments()).extracting(a -> a.getName()).isEqualTo(List.of("id"));
        assertThat(good.field("Query", "nope")).isNull();
        assertThat(good.checkQuery("{ user(id: 1) { name } }")).singleElement().asString().startsWith("1:");
    }
}
