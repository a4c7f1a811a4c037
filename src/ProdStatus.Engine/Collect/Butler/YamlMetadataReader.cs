using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ProdStatus.Engine.Collect.Butler;

/// <summary>
/// Reads the 2022 <c>PropertySet</c> YAML (a sequence tagged <c>!&lt;lsst.daf.base.PropertySet&gt;</c> of
/// <c>[name, type, value]</c> triples, nested for sub-PropertySets) or a plain <c>{section: {key: value}}</c>
/// mapping, from parser events: unknown local tags need no registration and nothing else is kept. PyYAML's usual
/// block layout takes <see cref="PropertySetFastReader"/> (several times faster) first.
/// </summary>
internal static class YamlMetadataReader
{
    /// <exception cref="YamlException">The document is not YAML of either shape.</exception>
    public static MetadataSections Read(string text)
    {
        var fast = new MetadataSections();
        return PropertySetFastReader.TryRead(text, fast) ? fast : ReadWithParser(text);
    }

    /// <summary>The general path: any YAML of either shape.</summary>
    internal static MetadataSections ReadWithParser(string text)
    {
        var parser = new Parser(new StringReader(text));
        var sections = new MetadataSections();
        parser.Consume<StreamStart>();
        if (!parser.TryConsume<DocumentStart>(out _))
        {
            throw new YamlException("empty document");
        }
        if (parser.TryConsume<SequenceStart>(out _))
        {
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                ReadTriple(parser, section: null, sections);
            }
        }
        else if (parser.TryConsume<MappingStart>(out _))
        {
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                string name = parser.Consume<Scalar>().Value;
                if (parser.TryConsume<MappingStart>(out _))
                {
                    ReadPlainSection(parser, name, sections);
                }
                else
                {
                    parser.SkipThisAndNestedEvents();
                }
            }
        }
        else
        {
            throw new YamlException("expected a PropertySet sequence or a mapping");
        }
        return sections;
    }

    /// <summary>One <c>[name, type, value]</c> entry; top-level PropertySet entries are sections.</summary>
    private static void ReadTriple(IParser parser, string? section, MetadataSections sections)
    {
        if (!parser.TryConsume<SequenceStart>(out _))
        {
            parser.SkipThisAndNestedEvents();
            return;
        }
        string name = parser.Consume<Scalar>().Value;
        string type = parser.Consume<Scalar>().Value;
        if (type == "PropertySet" && parser.TryConsume<SequenceStart>(out _))
        {
            if (section is null)
            {
                sections.Touch(name);
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    ReadTriple(parser, name, sections);
                }
            }
            else
            {
                SkipRest(parser);
            }
        }
        else if (section is not null && MetadataSections.IsInteresting(name))
        {
            if (ReadValue(parser) is { } value)
            {
                sections.Set(section, name, value);
            }
        }
        else
        {
            parser.SkipThisAndNestedEvents();
        }
        parser.Consume<SequenceEnd>();
    }

    private static void ReadPlainSection(IParser parser, string section, MetadataSections sections)
    {
        sections.Touch(section);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            string key = parser.Consume<Scalar>().Value;
            if (MetadataSections.IsInteresting(key) && ReadValue(parser) is { } value)
            {
                sections.Set(section, key, value);
            }
            else if (!MetadataSections.IsInteresting(key))
            {
                parser.SkipThisAndNestedEvents();
            }
        }
    }

    /// <summary>A scalar, or the last element of a list (multi-element arrays are written as YAML lists).</summary>
    private static MetaValue? ReadValue(IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return MetaValue.OfText(scalar.Value);
        }
        if (parser.TryConsume<SequenceStart>(out _))
        {
            MetaValue? last = null;
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                last = parser.TryConsume<Scalar>(out var item) ? MetaValue.OfText(item.Value) : Skip(parser, last);
            }
            return last;
        }
        parser.SkipThisAndNestedEvents();
        return null;
    }

    private static MetaValue? Skip(IParser parser, MetaValue? keep)
    {
        parser.SkipThisAndNestedEvents();
        return keep;
    }

    private static void SkipRest(IParser parser)
    {
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            parser.SkipThisAndNestedEvents();
        }
    }
}
