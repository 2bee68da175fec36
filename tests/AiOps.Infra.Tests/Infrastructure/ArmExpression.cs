using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace AiOps.Infra.Tests.Infrastructure;

/// <summary>A node of a parsed ARM template expression (the text between '[' and ']').</summary>
internal abstract record ArmNode;

internal sealed record ArmString(string Value) : ArmNode;

internal sealed record ArmNumber(long Value) : ArmNode;

internal sealed record ArmCall(string Name, IReadOnlyList<ArmNode> Arguments) : ArmNode;

internal sealed record ArmProperty(ArmNode Target, string Name) : ArmNode;

internal sealed record ArmIndex(ArmNode Target, ArmNode Index) : ArmNode;

/// <summary>
/// Parses ARM template expressions and evaluates the small subset the tests need (string literals,
/// <c>format</c>, <c>concat</c> and the public cloud's <c>environment()</c>). Everything that depends on
/// runtime state (<c>reference()</c>, <c>guid()</c> over runtime values) is left for pattern checks.
/// </summary>
internal static class ArmExpression
{
    /// <summary>The public cloud's <c>environment().suffixes</c> values the templates use.</summary>
    private static readonly Dictionary<string, string> PublicCloudSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["keyvaultDns"] = ".vault.azure.net",
        ["storage"] = "core.windows.net",
    };

    /// <summary>True for a JSON string that ARM treats as an expression ('[...]' but not an escaped '[[').</summary>
    public static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[^1] == ']' && text[1] != '[';

    public static ArmNode Parse(string text)
    {
        if (!IsExpression(text))
        {
            throw new FormatException($"Not an ARM expression: {text}");
        }

        var parser = new Parser(text[1..^1]);
        var node = parser.ParseExpression();
        parser.ExpectEnd();
        return node;
    }

    /// <summary>
    /// The value a JSON string has at deployment time, when it can be known offline: a plain string is itself,
    /// an expression is evaluated if it uses only the supported subset. Null when it depends on runtime state.
    /// </summary>
    public static string? TryEvaluate(string text) =>
        IsExpression(text) ? Evaluate(Parse(text)) as string : text;

    /// <summary>A canonical text for a node, for structural comparison.</summary>
    public static string Render(ArmNode node) => node switch
    {
        ArmString s => "'" + s.Value.Replace("'", "''", StringComparison.Ordinal) + "'",
        ArmNumber n => n.Value.ToString(CultureInfo.InvariantCulture),
        ArmCall c => $"{c.Name}({string.Join(", ", c.Arguments.Select(Render))})",
        ArmProperty p => $"{Render(p.Target)}.{p.Name}",
        ArmIndex i => $"{Render(i.Target)}[{Render(i.Index)}]",
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static object? Evaluate(ArmNode node) => node switch
    {
        ArmString s => s.Value,
        ArmNumber n => n.Value,
        ArmCall { Name: "format" } call => Format(call.Arguments.Select(Evaluate).ToList()),
        ArmCall { Name: "concat" } call => Concat(call.Arguments.Select(Evaluate).ToList()),
        ArmProperty { Target: ArmProperty { Target: ArmCall { Name: "environment", Arguments.Count: 0 }, Name: "suffixes" } } p
            => PublicCloudSuffixes.GetValueOrDefault(p.Name),
        _ => null,
    };

    private static string? Format(IReadOnlyList<object?> values)
    {
        if (values.Count == 0 || values.Any(v => v is null) || values[0] is not string format)
        {
            return null;
        }

        return string.Format(CultureInfo.InvariantCulture, format, values.Skip(1).ToArray());
    }

    private static string? Concat(IReadOnlyList<object?> values) =>
        values.All(v => v is string) ? string.Concat(values.Cast<string>()) : null;

    private sealed class Parser(string text)
    {
        private int _position;

        public ArmNode ParseExpression()
        {
            var node = ParsePrimary();
            while (true)
            {
                SkipWhitespace();
                if (TryConsume('.'))
                {
                    node = new ArmProperty(node, ParseIdentifier());
                }
                else if (TryConsume('['))
                {
                    var index = ParseExpression();
                    Expect(']');
                    node = new ArmIndex(node, index);
                }
                else
                {
                    return node;
                }
            }
        }

        public void ExpectEnd()
        {
            SkipWhitespace();
            if (_position != text.Length)
            {
                throw Error("end of expression");
            }
        }

        private ArmNode ParsePrimary()
        {
            SkipWhitespace();
            if (_position >= text.Length)
            {
                throw Error("a value");
            }

            var c = text[_position];
            if (c == '\'')
            {
                return new ArmString(ParseString());
            }

            if (char.IsDigit(c) || c == '-')
            {
                var start = _position++;
                while (_position < text.Length && char.IsDigit(text[_position]))
                {
                    _position++;
                }

                return new ArmNumber(long.Parse(text.AsSpan(start, _position - start), CultureInfo.InvariantCulture));
            }

            var name = ParseIdentifier();
            SkipWhitespace();
            Expect('(');
            var arguments = new List<ArmNode>();
            SkipWhitespace();
            if (!TryConsume(')'))
            {
                do
                {
                    arguments.Add(ParseExpression());
                    SkipWhitespace();
                }
                while (TryConsume(','));

                Expect(')');
            }

            return new ArmCall(name, arguments);
        }

        private string ParseString()
        {
            Expect('\'');
            var value = new StringBuilder();
            while (true)
            {
                if (_position >= text.Length)
                {
                    throw Error("closing quote");
                }

                var c = text[_position++];
                if (c != '\'')
                {
                    value.Append(c);
                }
                else if (_position < text.Length && text[_position] == '\'')
                {
                    value.Append('\'');
                    _position++;
                }
                else
                {
                    return value.ToString();
                }
            }
        }

        private string ParseIdentifier()
        {
            SkipWhitespace();
            var start = _position;
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] == '_'))
            {
                _position++;
            }

            return _position > start ? text[start.._position] : throw Error("an identifier");
        }

        private void SkipWhitespace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private bool TryConsume(char c)
        {
            SkipWhitespace();
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            if (!TryConsume(c))
            {
                throw Error($"'{c}'");
            }
        }

        private FormatException Error(string expected) =>
            new($"Expected {expected} at position {_position} of ARM expression: {text}");
    }
}
