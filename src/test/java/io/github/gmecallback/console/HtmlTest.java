package io.github.gmecallback.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesEveryCharacterThatCouldOpenMarkupOrLeaveAnAttribute() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;", Html.escape("<script>alert(\"x\")</script> & '"));
        assertEquals("", Html.escape(null));
        assertEquals("446946705284000000", Html.escape(446946705284000000L));
        assertEquals("plain ü 中文", Html.escape("plain ü 中文"));
    }

    @Test
    void fillsEverySlotEscapingValuesButNotMarkup() {
        Html.Markup row = Html.fill("<td>{{name}}</td>", "name", "<b>&</b>");
        assertEquals("<td>&lt;b&gt;&amp;&lt;/b&gt;</td>", row.html());
        assertEquals("<tr><td>&lt;b&gt;&amp;&lt;/b&gt;</td></tr><p></p>",
                Html.fill("<tr>{{row}}</tr><p>{{none}}</p>", "row", row, "none", null).html());
        assertEquals("$1 \\ {{x}}", Html.fill("{{a}}", "a", new Html.Markup("$1 \\ {{x}}")).html(),
                "a value is never read as a pattern or a slot");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Html.fill("{{missing}}"));
    }

    @Test
    void prettyPrintsJsonBodiesAndLeavesOthersAsTheyAre() {
        String pretty = ConsoleJson.pretty("{\"BizID\":1,\"Detail\":{\"SeqNo\":0}}".getBytes());
        assertEquals(true, pretty.contains("\n"), pretty);
        assertEquals(true, pretty.contains("\"SeqNo\": 0") || pretty.contains("\"SeqNo\":0"), pretty);
        assertEquals("not json {", ConsoleJson.pretty("not json {".getBytes()));
    }
}
