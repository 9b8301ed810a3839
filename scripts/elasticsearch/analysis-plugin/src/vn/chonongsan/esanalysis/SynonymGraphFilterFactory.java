package vn.chonongsan.esanalysis;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;

/**
 * Search-time synonyms in Solr format ("trái, quả"), from an inline "synonyms" list.
 * The rules are read through standard tokenizer, lowercase and ASCII folding: the
 * chain our search analyzer puts before this filter, as analysis-common would do.
 */
@NamedComponent("synonym_graph")
public class SynonymGraphFilterFactory implements TokenFilterFactory {
    @AnalysisSettings
    public interface Settings {
        @ListSetting(path = "synonyms")
        List<String> synonyms();
    }

    private final SynonymMap synonyms;

    @Inject
    public SynonymGraphFilterFactory(Settings settings) {
        Analyzer ruleAnalyzer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer)));
            }
        };
        SolrSynonymParser parser = new SolrSynonymParser(true, true, ruleAnalyzer);
        try {
            parser.parse(new StringReader(String.join("\n", settings.synonyms())));
            this.synonyms = parser.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalArgumentException("invalid synonym rule: " + e.getMessage(), e);
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return synonyms.fst == null ? tokenStream : new SynonymGraphFilter(tokenStream, synonyms, true);
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return AnalysisMode.SEARCH_TIME;
    }
}
