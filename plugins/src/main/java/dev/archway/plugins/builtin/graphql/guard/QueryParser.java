package dev.archway.plugins.builtin.graphql.guard;

import dev.archway.plugins.builtin.graphql.request.GraphQLErrorCodes;
import graphql.language.Document;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;

/** Parses untrusted GraphQL documents with bounds on the parser's work. */
final class QueryParser {

    /**
     * The bounds, each far above real queries and far below what hurts the event loop:
     *
     * <ul>
     *   <li>characters: 1 MiB, the most the gateway buffers of a request;
     *   <li>tokens: 15,000 — generated client queries with many fragments stay in the low thousands,
     *       and 15,000 tokens parse in about a millisecond;
     *   <li>whitespace and comment tokens: 50,000 — enough for any formatting, while a body that is
     *       mostly blanks or comments cannot make the lexer work on hundreds of thousands of them;
     *   <li>rule depth: 300 — each level of field nesting costs the grammar about three rules, so this
     *       allows some 100 levels (far above any sensible depth limit) and keeps the recursive
     *       descent far from the end of the thread's stack.
     * </ul>
     */
    static final ParserOptions OPTIONS = ParserOptions.newParserOptions()
            .maxCharacters(1024 * 1024)
            .maxTokens(15_000)
            .maxWhitespaceTokens(50_000)
            .maxRuleDepth(300)
            // Comments and ignored characters are kept only for printing documents back; not needed.
            .captureIgnoredChars(false)
            .captureLineComments(false)
            .captureSourceLocation(true)
            .build();

    private QueryParser() {}

    static Document parse(String query) throws Refusal {
        try {
            return Parser.parse(ParserEnvironment.newParserEnvironment().document(query).parserOptions(OPTIONS).build());
        } catch (InvalidSyntaxException e) {
            throw new Refusal(400, GraphQLErrorCodes.GRAPHQL_PARSE_FAILED, describe(e));
        }
    }

    /** "Syntax error at line:column: what the parser said". */
    static String describe(InvalidSyntaxException e) {
        SourceLocation at = e.getLocation();
        String where = at == null || at.getLine() < 1 ? "" : " at " + at.getLine() + ":" + at.getColumn();
        return "Syntax error" + where + ": " + e.getMessage();
    }
}
