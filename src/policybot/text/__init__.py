"""Plain text helpers every stage shares: tokens and words, the 公文 heading grammar, tiers, citations and number checks,
rule spans, eligibility concepts, places. Imports nothing else of policybot but the root modules."""
