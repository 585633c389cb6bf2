//! What a careful person would write by hand for the same JSON, with plain `serde` derives:
//! closed enums, `chrono` dates, `Option<Wrapper<T>>` for update values. The generated types
//! add open enums, the tolerant date type and three-state updates; the benchmarks measure what
//! that costs against these.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Title {
    Mister,
    Miss,
    Misses,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sex {
    Male,
    Female,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Classification {
    PaymasterAccount,
    Blacklist,
    Media,
    LoyaltyProgram,
    PreviousComplaint,
    Returning,
    Staff,
    FriendOrFamily,
    TopManagement,
    Important,
    VeryImportant,
    Problematic,
    Cashlist,
    DisabledPerson,
    Military,
    Airline,
    HealthCompliant,
    InRoom,
    WaitingForRoom,
    Student,
    Blocklist,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CustomerOption {
    None,
    SendMarketingEmails,
    Invoiceable,
    BillAddressObjection,
    SendMarketingPostalMail,
    SendPartnerMarketingEmails,
    SendPartnerMarketingPostalMail,
    WithdrawCardConsent,
    GuestPhotoConsent,
    IdPhotosConsent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpaceFeature {
    SeaView,
    RiverView,
    OceanView,
    TwinBeds,
    DoubleBed,
    RollawayBed,
    UpperBed,
    LowerBed,
    Balcony,
    AccessibleBathroom,
    AccessibleRoom,
    ElevatorAccess,
    HighFloor,
    Kitchenette,
    AirConditioning,
    PrivateJacuzzi,
    PrivateSauna,
    EnsuiteRoom,
    PrivateBathroom,
    SharedBathroom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentType {
    IdentityCard,
    Passport,
    Visa,
    DriversLicense,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AddressParameters {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_subdivision_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DocumentParameters {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuance: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuing_country_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuing_city: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CustomerAddParameters {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub culture_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Title>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    pub last_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nationality_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_language_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_country_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_country_subdivision_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loyalty_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub car_registration_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dietary_requirements: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_identification_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<AddressParameters>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_card: Option<DocumentParameters>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passport: Option<DocumentParameters>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visa: Option<DocumentParameters>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drivers_license: Option<DocumentParameters>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classifications: Option<Vec<Classification>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<CustomerOption>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain_id: Option<Uuid>,
    pub overwrite_existing: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub italian_destination_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub italian_fiscal_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub italian_lottery_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Address {
    pub id: Uuid,
    pub line1: Option<String>,
    pub line2: Option<String>,
    pub city: Option<String>,
    pub postal_code: Option<String>,
    pub country_code: Option<String>,
    pub country_subdivision_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IdentityDocument {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub r#type: DocumentType,
    pub number: String,
    pub expiration_date: Option<DateTime<Utc>>,
    pub issuance_date: Option<DateTime<Utc>>,
    pub issuing_country_code: Option<String>,
    pub issuing_country_subdivision_code: Option<String>,
    pub issuing_city: Option<String>,
    pub identity_document_support_number: Option<String>,
    pub is_verified: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Customer {
    pub id: Uuid,
    pub chain_id: Uuid,
    pub number: String,
    pub title: Option<Title>,
    pub sex: Option<Sex>,
    pub first_name: Option<String>,
    pub last_name: String,
    pub second_last_name: Option<String>,
    pub nationality_code: Option<String>,
    pub preferred_language_code: Option<String>,
    pub language_code: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub birth_country_code: Option<String>,
    pub birth_country_subdivision_code: Option<String>,
    pub birth_place: Option<String>,
    pub occupation: Option<String>,
    pub email: Option<String>,
    pub has_ota_email: bool,
    pub phone: Option<String>,
    pub tax_identification_number: Option<String>,
    pub loyalty_code: Option<String>,
    pub accounting_code: Option<String>,
    pub billing_code: Option<String>,
    pub notes: Option<String>,
    pub car_registration_number: Option<String>,
    pub dietary_requirements: Option<String>,
    pub created_utc: DateTime<Utc>,
    pub updated_utc: DateTime<Utc>,
    pub passport: Option<IdentityDocument>,
    pub identity_card: Option<IdentityDocument>,
    pub visa: Option<IdentityDocument>,
    pub drivers_license: Option<IdentityDocument>,
    pub address: Option<Address>,
    pub address_id: Option<Uuid>,
    pub classifications: Vec<Classification>,
    pub options: Vec<CustomerOption>,
    pub italian_destination_code: Option<String>,
    pub italian_fiscal_code: Option<String>,
    pub italian_lottery_code: Option<String>,
    pub company_id: Option<Uuid>,
    pub merge_target_id: Option<Uuid>,
    pub activity_state: Option<String>,
    pub is_active: bool,
    pub preferred_space_features: Vec<SpaceFeature>,
    pub creator_profile_id: Uuid,
    pub updater_profile_id: Uuid,
}

/// `{"Value": x}`, the way a hand-written client would wrap an update.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateValue<T> {
    #[serde(rename = "Value")]
    pub value: T,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IdentityDocumentUpdateParameters {
    pub id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<UpdateValue<DocumentType>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<UpdateValue<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<UpdateValue<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuance_date: Option<UpdateValue<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuing_country_code: Option<UpdateValue<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuing_country_subdivision_code: Option<UpdateValue<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuing_city: Option<UpdateValue<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_document_support_number: Option<UpdateValue<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_verified: Option<UpdateValue<bool>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MultipleIdentityDocumentUpdateParameters {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain_id: Option<Uuid>,
    pub identity_documents: Vec<IdentityDocumentUpdateParameters>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IdentityDocumentWriteResult {
    pub identity_documents: Vec<IdentityDocument>,
}
